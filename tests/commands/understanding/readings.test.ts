import { intentClassifier, trainIntentModel } from '../../../adapters/nlp/intentModel';
import { trainingCorpus } from '../../../commands/understanding/corpus';
import { calibratedThresholds } from '../../../commands/understanding/thresholds';
import { understand, type Understanding } from '../../../commands/understanding/understand';
import { demoCatalog, handle, today } from '../../support/understandingEval';

/**
 * The messages issue 13 was filed with, read as the router reads them (typed, else understood):
 * each with the reading intended, and the ones that must never become a proposal.
 */
describe('what people actually write', () => {
  let understanding: Understanding;
  beforeAll(async () => {
    understanding = { classifier: intentClassifier(await trainIntentModel(trainingCorpus())), thresholds: calibratedThresholds };
  }, 60_000);

  /** outcome, intent and arguments, as one line: `command status 1002`. */
  const reading = async (text: string) => {
    const handled = await handle(text, understanding);
    if (handled.outcome === 'typed') return `typed ${handled.intent}`;
    const { understood } = await understand(text, understanding, demoCatalog(), () => today);
    return [handled.outcome, handled.intent, ...('args' in understood ? understood.args : [])].join(' ');
  };

  test.each([
    // Questions about a thing are reads: the order's status (with its approval and delivery), a ticket's.
    ['订单1002审批过了吗', 'command status 1002'],
    ['1001今天能送到不', 'command status 1001'],
    ['has 1002 been approved', 'command status 1002'],
    ['who approved 1002', 'command status 1002'],
    ['工单88怎么样了', 'command ticket 88'],
    ['报修单88处理得怎么样了', 'command ticket 88'],
    // A price question is a price, with the quantity it names.
    ['can u quote me 5 C300', 'command price C300 5'],
    // A one-character alias inside a sentence is a word of it.
    ['好的，谢谢', 'social thanks'],
    // Traditional characters read as Simplified.
    ['A100還有貨嗎', 'command stock A100'],
    ['庫存 A100', 'typed stock'],
    // Writes asked for in words, with what they need, are proposed; asked for without it, their usage.
    ['I want to order 2 A100', 'proposal order A100 2'],
    ['我想订五台A100', 'proposal order A100 5'],
    ["my A100 won't heat", "proposal fix A100 my A100 won't heat"],
    ['我家电饭煲坏了', 'incomplete fix'],
  ])('%j → %s', async (text, expected) => {
    expect(await reading(text)).toBe(expected);
  });

  // README's free-text table, row by row: each example is handled as the README says.
  test.each([
    ...['A100还有货吗', 'how much is B200 for me', '我的订单到哪了', "where's order 1001", '工单88怎么样了', '上个月佣金'].map((text) => [text, 'command']),
    ...['I want to order 2 A100', '今天卖了3台C300', "I'm at S1 now", "my A100 won't heat", 'please stop texting me'].map((text) => [text, 'proposal']),
    ...['is there stock?', 'how much does it cost?'].map((text) => [text, 'incomplete']),
    ...['hello', '谢谢', 'bye', 'are you a robot', 'sure', '不用了'].map((text) => [text, 'social']),
  ])('README: %j is %s', async (text, outcome) => {
    expect((await handle(text, understanding)).outcome).toBe(outcome);
  });

  test.each([
    'book a flight to los angeles',
    'stok of a100?',
    "what's my price on b200 if I take 20",
    'can u quote me 5 C300',
    'has 1002 been approved',
    'who approved 1002',
    'is order 1001 delivered',
    '1001今天能送到不',
    '报修单88处理得怎么样了',
    '驳回的原因是什么',
    '批准了没有',
    '送达了吗',
    '退订是什么意思',
    '帮我订一个酒店',
    'my credit card is broken',
    "the car won't start",
    "stop what you're doing",
    'this process needs to stop',
    'what other countries speak the english language',
    '好久不见',
    '是的…',
    '好的，谢谢',
  ])('%j is never a proposal, nor a write as typed', async (text) => {
    expect((await handle(text, understanding)).writes).toBeNull();
  });
});

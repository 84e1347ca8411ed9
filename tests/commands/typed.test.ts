import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { typedCommand, type Typed } from '../../commands/typed';

/**
 * A keyword or alias is the command only when the message parses as that command (or it stands
 * alone, or only a quantity in the command's own shape is wrong); otherwise the message is text,
 * understood with the keyword kept as a hint. Each row: the message, and what it is.
 */
describe('a command only when the message is one', () => {
  const command = (name: string, args: string[]): Typed => ({ kind: 'command', command: name as never, args });
  const text = (keyword: string | null): Typed => ({ kind: 'text', keyword: keyword as never });

  test.each<[string, Typed]>([
    // Commands as typed.
    ['订单1002', command('status', ['1002'])],
    ['查库存A100', command('stock', ['A100'])],
    ['签到S1', command('in', ['S1'])],
    ['语言中文', command('lang', ['中文'])],
    ['销量昨天A100 5', command('sales', ['昨天', 'A100', '5'])],
    ['下单A100 5台', command('order', ['A100', '5台'])],
    ['庫存 A100', command('stock', ['A100'])],
    ['确认12', command('ack', ['12'])],
    ['STOP', command('stop', [])],
    ['好', command('yes', [])],
    ['STOCK', command('stock', [])],
    // Only a quantity wrong, in the command's own shape: its error says which.
    ['ORDER A100 0', command('order', ['A100', '0'])],
    ['ORDER A100', command('order', ['A100'])],
    ['SALES A100 2.5', command('sales', ['A100', '2.5'])],
    // Glued Chinese sentences: understood, the keyword a hint.
    ['订单1002审批过了吗', text('status')],
    ['订单1001今天能送到不', text('status')],
    ['工单88怎么样了', text('ticket')],
    ['报修单88处理得怎么样了', text('fix')],
    ['库存多少', text('stock')],
    ['确认收货了', text('ack')],
    ['帮助我查一下订单', text('help')],
    ['退订是什么意思', text('stop')],
    // One-character aliases inside sentences name nothing.
    ['好的，谢谢', text(null)],
    ['好久不见', text(null)],
    ['是的…', text(null)],
    // English sentences that begin with a keyword.
    ['STOCK how much is A100', text('stock')],
    ['price of A100?', text('price')],
    ['order 2001 status?', text('order')],
    ['order a pizza', text('order')],
    ['stop this process', text('stop')],
    ['yes please', text('yes')],
    ['help me with my order please', text('help')],
    ['ORDER 2 A100', text('order')],
  ])('%j', (message, expected) => {
    expect(typedCommand(lex(message, aliasTable))).toEqual(expected);
  });
});

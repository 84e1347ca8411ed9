import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { askedAbout } from '../../../commands/understanding/asked';
import { readSighting } from '../../../commands/understanding/sighting';

/** The readers that stand beside the intent model: what a promoter asks about their roster and promotions. */
describe('a promoter asking about their shifts or promotions', () => {
  test.each<[string, 'shift' | 'promo' | null]>([
    ['when is my next shift', 'shift'],
    ['what are my shifts this week', 'shift'],
    ['am i working tomorrow?', 'shift'],
    ['show me my roster', 'shift'],
    ['我明天上班吗', 'shift'],
    ['我的排班', 'shift'],
    ['下周哪几天上班', 'shift'],
    ['周六要上班吗', 'shift'],
    ['any promotions at my store?', 'promo'],
    ['what promos are on', 'promo'],
    ['店里有什么促销', 'promo'],
    ['I want to shift my order to next week', null],
    ['上班路上堵车了', null],
    ['这个景点有什么活动', null],
    ['how much is A100', null],
  ])('%s', (text, expected) => {
    expect(askedAbout(text)).toBe(expected);
  });

  /**
   * Every message of the public corpora we hold (CLINC150 and CrossWOZ: their training, validation and
   * test selections, 4,134 messages written by other people) is read as neither, nor as a sighting of
   * a brand named in them (`美的`, `Midea`: none of them mentions one with a model and a price).
   */
  test('no message of the public corpora is read as a shift, promotion or sighting question', () => {
    const root = join(__dirname, '../../..');
    const files = [
      'commands/understanding/corpus/public/clinc150.train.json',
      'commands/understanding/corpus/public/crosswoz.train.json',
      'tests/commands/understanding/public/clinc150.test.json',
      'tests/commands/understanding/public/clinc150.val.json',
      'tests/commands/understanding/public/crosswoz.test.json',
      'tests/commands/understanding/public/crosswoz.val.json',
    ];
    const brands = [{ code: 'MIDEA', name: 'Midea', nameZh: '美的', aliases: [], models: ['MB-3'] }];
    const texts = files.flatMap((file) => {
      const { items } = JSON.parse(readFileSync(join(root, file), 'utf8')) as { items: unknown };
      const list = Array.isArray(items) ? items : Object.values(items as Record<string, unknown[]>).flat();
      return list.map((item) => (typeof item === 'string' ? item : (item as { text: string }).text));
    });
    expect(texts.length).toBeGreaterThan(4000);
    expect(texts.filter((text) => askedAbout(text) !== null || readSighting(text, brands) !== null)).toEqual([]);
  });
});

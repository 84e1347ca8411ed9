import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/** Daily sell-out by SMS (the simulator): Ann reports for S1 on the demo network; prices are list prices. */
describe('SALES: daily sell-out reports', () => {
  const clock = new ManualClock(new Date('2026-11-23T12:00:00Z')); // 20:00 in Shanghai
  let gateway: TestGateway;
  const ann = '+8613800000003';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
  });
  afterAll(() => gateway.stop());

  const say = async (text: string) =>
    (await adminApi(gateway, 'POST', '/api/v1/simulate', { from: ann, text })).json.replies.map((r: { text: string }) => r.text);
  const current = () =>
    gateway.runtime.sql.query<{ day: string; lines: string; flags: unknown[] }>(
      `select to_char(r.day, 'YYYY-MM-DD') as day, string_agg(l.sku || '×' || l.qty, ' ' order by l.sku) as lines, r.flags
         from sell_out_reports r join sell_out_lines l on l.report = r.id where r.replaced_at is null group by r.id order by r.day`,
    );

  test('a report, its replacement saying what changed, and a repeat that changes nothing', async () => {
    // English replies stay GSM-7, one segment.
    expect(await say('SALES A100 3 B200 1')).toEqual(['S1 sales for 11-23 recorded: A100 3, B200 1; total ¥1326.00.']);
    expect(await say('sales a100x5 C300*2')).toEqual(['S1 sales for 11-23 replaced: A100 3->5, B200 1->0, C300 0->2; total ¥3193.00.']);
    expect(await say('SALES A100 5 C300 2')).toEqual(['S1 sales for 11-23 unchanged; total ¥3193.00.']);
    expect(await current()).toEqual([{ day: '2026-11-23', lines: 'A100×5 C300×2', flags: [] }]);
    const [{ n }] = (await gateway.runtime.sql.query<{ n: number }>('select count(*)::int as n from sell_out_reports')) as [{ n: number }];
    expect(n).toBe(3); // the replaced ones are kept
  });

  test('all or nothing: an unknown SKU or a bad quantity stores nothing', async () => {
    const before = await current();
    expect(await say('SALES A100 2 A1O0 1')).toEqual(['Unknown product A1O0. Did you mean A100?']);
    expect(await say('SALES A100 2.5')).toEqual(['2.5 is not a quantity: use a whole number above 0.']);
    // A word where the quantity goes makes it no command but a sentence: understood (here as a question about A100), never stored.
    expect(await say('SALES A100 lots')).toEqual([expect.not.stringMatching(/sales for|销量/i)]);
    expect(await say('SALES A100')).toEqual(['How many A100? Put the quantity after it, e.g. A100 5.']);
    expect(await say('SALES')).toEqual(['Usage: SALES [date] sku qty ..., e.g. SALES A100 3 B200 1 or SALES yesterday A100 2']);
    expect(await current()).toEqual(before);
  });

  test('dates: yesterday, MM-DD, DD/MM in the promoter’s zone; no future day, none older than 7 days', async () => {
    expect(await say('销量 昨天 A100 2')).toEqual(['S1 11-22 销量已记录：A100×2；合计 ¥798.00。']);
    expect(await say('SALES 16/11 A100 1')).toEqual(['S1 sales for 11-16 recorded: A100 1; total ¥399.00.']);
    expect(await say('SALES 11-24 A100 1')).toEqual(['2026-11-24 is in the future.']);
    expect(await say('SALES 11-15 A100 1')).toEqual(['2026-11-15 is more than 7 days ago: ask your supervisor to correct it.']);
    expect(await say('SALES 13-01 A100 1')).toEqual(['That date does not exist. Write it as 11-22, 22/11, 2026-11-22, today or yesterday.']);
    expect((await current()).map((r) => r.day)).toEqual(['2026-11-16', '2026-11-22', '2026-11-23']);
  });

  test('an outlier against the promoter’s own usual is accepted and flagged', async () => {
    // Ann's days before the 23rd: 16th (A100 1) and 22nd (A100 2): 1.5 A100 a reported day; the limit is 3 × 1.5.
    expect(await say('SALES A100 4')).toEqual(['S1 sales for 11-23 replaced: A100 5->4, C300 2->0; total ¥1596.00.']);
    expect(await say('SALES A100 40')).toEqual(['S1 sales for 11-23 replaced: A100 4->40; total ¥15960.00. Flagged for review: A100 40 (usual 1.5/day).']);
    expect((await current()).at(-1)).toEqual({ day: '2026-11-23', lines: 'A100×40', flags: [{ sku: 'A100', qty: 40, reason: 'above-average', usual: 1.5 }] });
  });

  test('above what the store has on its shelves: flagged; a promoter’s STOCK shows the shelves', async () => {
    expect((await adminApi(gateway, 'POST', '/api/v1/import', { storeStock: [{ store: 'S1', sku: 'B200', onHand: 6 }] })).json.counts).toEqual({
      storeStock: 1,
    });
    expect(await say('STOCK B200')).toEqual(['B200 Electric kettle: 6 pcs at S1 Xujiahui flagship.']);
    expect(await say('STOCK C300')).toEqual(['C300 Air fryer 5L: no stock recorded at S1 Xujiahui flagship.']);
    expect(await say('SALES yesterday A100 2 B200 7')).toEqual([
      'S1 sales for 11-22 replaced: B200 0->7; total ¥1701.00. Flagged for review: B200 7 (store stock 6).',
    ]);
  });
});

import { adminApi, signedInOperator } from '../support/gateway';
import { proactiveGateway } from '../support/proactive';

const pia = '+8613900000031';

/**
 * Promotions (issue 21). XMAS puts A100 (¥100) on promotion at S1 and in the south region (S3, S4)
 * from 10 to 12 December (3 days; the period before: 7 to 9 December); Pia is assigned. S2 (east,
 * not named) is the stores without it. Sell-out (A100 unless said):
 *   S1: 6 on 12-06 (outside both periods) · 6 on 12-07 · 10 on 12-10 · 4 B200 on 12-11 (not on promotion)
 *       · 5 on 12-12 · 7 on 12-13 (after it)
 *   S3: 4 on 12-09 · 6 on 12-11        S4: nothing        S2: 8 on 12-08 · 8 on 12-11
 * By hand: during 10 + 5 + 6 = 21 units (¥2100), before 6 + 4 = 10 (¥1000): growth 21/10 − 1 = 1.1.
 * S1 15 against 6: 1.5; S3 6 against 4: 0.5; S4 nothing: none. East (S1) 1.5, south (S3, S4) 0.5.
 * The stores without it: 8 against 8, growth 0; uplift 1.1 − 0 = 1.1.
 * Pia's cost over the 3 days (plan P1: base ¥3100 a month, ¥10 a day attended, ¥2 an A100):
 * 3100 × 3/31 = 300.00, 2 days attended (12-10, 12-11) = 20.00, her A100 in the period 10 + 5 = 15 × 2
 * = 30.00 (the B200 earns nothing): ¥350.00.
 */
const document = {
  products: [
    { sku: 'A100', name: 'Rice cooker', listPrice: 100 },
    { sku: 'B200', name: 'Kettle', listPrice: 50 },
  ],
  dealers: [
    { code: 'DE', name: 'East Dealer', region: 'east', creditLimit: 1000 },
    { code: 'DS', name: 'South Dealer', region: 'south', creditLimit: 1000 },
  ],
  stores: ['S1', 'S2', 'S3', 'S4'].map((code, i) => ({ code, name: `Store ${code}`, dealer: i < 2 ? 'DE' : 'DS', timezone: 'Asia/Shanghai' })),
  people: [
    { id: 'Pia', name: 'Pia Wu', role: 'promoter', phone: pia, language: 'en', timezone: 'Asia/Shanghai', stores: ['S1'] },
    { id: 'Quin', name: 'Quin He', role: 'promoter', phone: '+8613900000032', language: 'zh', stores: ['S2', 'S3'] },
  ],
  incentivePlans: [
    { code: 'P1', name: 'Standard', basePay: 3100, allowances: { perDayAttended: 10 }, commissions: [{ sku: 'A100', kind: 'fixed', perUnit: 2 }] },
  ],
  planAssignments: [{ person: 'Pia', from: '2026-12', plan: 'P1' }],
  promotions: [
    { code: 'XMAS', name: 'Christmas', skus: ['A100'], stores: ['S1'], regions: ['south'], from: '2026-12-10', to: '2026-12-12', promoters: ['Pia'] },
  ],
};

describe('promotions', () => {
  const ctx = proactiveGateway('2026-12-11T02:00:00Z', {}, document);
  const sql = (query: string, params: unknown[] = []) => ctx.gateway.runtime.sql.query(query, params);

  beforeAll(async () => {
    const sold: [string, string, string, string, number][] = [
      ['Pia', 'S1', '2026-12-06', 'A100', 6],
      ['Pia', 'S1', '2026-12-07', 'A100', 6],
      ['Pia', 'S1', '2026-12-10', 'A100', 10],
      ['Pia', 'S1', '2026-12-11', 'B200', 4],
      ['Pia', 'S1', '2026-12-12', 'A100', 5],
      ['Pia', 'S1', '2026-12-13', 'A100', 7],
      ['Quin', 'S3', '2026-12-09', 'A100', 4],
      ['Quin', 'S3', '2026-12-11', 'A100', 6],
      ['Quin', 'S2', '2026-12-08', 'A100', 8],
      ['Quin', 'S2', '2026-12-11', 'A100', 8],
    ];
    for (const [person, store, day, sku, qty] of sold) {
      const [report] = await sql(`insert into sell_out_reports (person, store, day, submitted_at) values ($1, $2, $3, $3::date + time '20:00') returning id`, [
        person,
        store,
        day,
      ]);
      await sql(`insert into sell_out_lines (report, sku, qty, unit_price) select $1, sku, $3, list_price from products where sku = $2`, [
        (report as { id: string }).id,
        sku,
        qty,
      ]);
    }
    for (const day of ['2026-12-10', '2026-12-11'])
      await sql(
        `insert into checkins (person, store, opened_at, closed_at, close_reason) values ('Pia', 'S1', $1::timestamptz, $1::timestamptz + interval '8 hours', 'out')`,
        [`${day}T01:00:00Z`],
      );
  });

  test('the report: per store and region against the period before and the stores without it, uplift, the promoter cost', async () => {
    const { status, json } = await adminApi(ctx.gateway, 'GET', '/api/v1/reports/promotions/XMAS');
    expect(status).toBe(200);
    expect(json.promotion).toMatchObject({ code: 'XMAS', stores: ['S1', 'S3', 'S4'], days: 3, beforeFrom: '2026-12-07', beforeTo: '2026-12-09' });
    expect(json.total).toEqual({ during: { units: 21, value: 2100 }, before: { units: 10, value: 1000 }, growth: 1.1 });
    expect(
      json.stores.map((s: { store: string; region: string; during: { units: number }; before: { units: number }; growth: number | null }) => [
        s.store,
        s.region,
        s.during.units,
        s.before.units,
        s.growth,
      ]),
    ).toEqual([
      ['S1', 'east', 15, 6, 1.5],
      ['S3', 'south', 6, 4, 0.5],
      ['S4', 'south', 0, 0, null],
    ]);
    expect(json.regions.map((r: { region: string; growth: number }) => [r.region, r.growth])).toEqual([
      ['east', 1.5],
      ['south', 0.5],
    ]);
    expect(json.control).toEqual({ during: { units: 8, value: 800 }, before: { units: 8, value: 800 }, growth: 0, stores: 1 });
    expect(json.uplift).toBe(1.1);
    expect([json.promoterCost, json.currency]).toEqual([350, 'CNY']);
    expect((await adminApi(ctx.gateway, 'GET', '/api/v1/reports/promotions/NOPE')).status).toBe(404);
    // The console's figures have it too, as a line per promotion (percentages; CSV as shown).
    const desk = await signedInOperator(ctx.gateway, { email: 'planner@example.com', role: 'viewer' });
    const csv = await fetch(`${ctx.gateway.url}/console/figures/promotions.csv?from=2026-12-01&to=2026-12-31`, {
      headers: { cookie: desk.cookie, 'accept-language': 'en' },
    });
    expect(
      (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toEqual([
      'Code,Promotion,From,To,Units during,Units before,Growth %,Without it %,Uplift (points),Promoter cost',
      'XMAS,Christmas,2026-12-10,2026-12-12,21,10,110,0,110,350',
    ]);
  });

  test('PROMO lists what runs at the promoter’s stores today, to its last day; after it, nothing', async () => {
    const say = async (text: string, at: string) => {
      ctx.clock.set(at);
      return (await adminApi(ctx.gateway, 'POST', '/api/v1/simulate', { from: pia, text })).json.replies.map((r: { text: string }) => r.text).join('\n');
    };
    expect(await say('PROMO', '2026-12-12T15:59:00Z')).toBe('Promotions now: XMAS Christmas (A100) at S1, to 12-12.');
    expect(await say('any promotions at my store?', '2026-12-12T15:59:00Z')).toBe('Promotions now: XMAS Christmas (A100) at S1, to 12-12.');
    // Her language is English: the Chinese keyword is answered in it.
    expect(await say('促销', '2026-12-12T16:00:00Z')).toBe('No promotion is running at your stores now.');
  });

  test('a promotion ending before it starts, one in no store, or with an unknown SKU is refused per row; good rows land', async () => {
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
      promotions: [
        { code: 'BAD1', name: 'backwards', skus: ['A100'], stores: ['S1'], from: '2026-12-20', to: '2026-12-19' },
        { code: 'BAD2', name: 'nowhere', skus: ['A100'], from: '2026-12-20', to: '2026-12-21' },
        { code: 'BAD3', name: 'unknown', skus: ['Z999'], stores: ['S1'], from: '2026-12-20', to: '2026-12-21' },
        { code: 'NY', name: 'New year', skus: ['B200'], regions: ['east'], from: '2026-12-31', to: '2027-01-02' },
      ],
    });
    expect(json.errors.map((e: { index: number; field: string; message: string }) => [e.index, e.field, e.message])).toEqual([
      [0, 'to', 'a promotion ends on or after the day it starts'],
      [1, 'stores', 'name the stores or the regions it runs in'],
      [2, 'skus', 'unknown product: Z999'],
    ]);
    expect(json.counts).toEqual({ promotions: 1 });
    expect((await adminApi(ctx.gateway, 'GET', '/api/v1/reports/promotions/NY')).json.promotion.stores).toEqual(['S1', 'S2']);
  });
});

import { comp } from '../../commands/comp';
import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { readSighting } from '../../commands/understanding/sighting';
import { adminApi, adminKey, countRows } from '../support/gateway';
import { proactiveGateway, runJobAt } from '../support/proactive';

const pia = '+8613900000021';
const sue = '+8613900000022';

/** COMP's grammar in both languages: each message, and what it parses to (null: its usage). */
describe('the COMP grammar', () => {
  test.each<[string, { brand: string; model: string; price: number; qty: number | null; store: string | null } | null]>([
    ['COMP Midea MB-3 299', { brand: 'Midea', model: 'MB-3', price: 299, qty: null, store: null }],
    ['COMP Midea MB-3 299 sold 2', { brand: 'Midea', model: 'MB-3', price: 299, qty: 2, store: null }],
    ['comp midea mb-3 ¥299.50 2 S2', { brand: 'midea', model: 'mb-3', price: 299.5, qty: 2, store: 'S2' }],
    ['COMP Midea MB-3 299 S2', { brand: 'Midea', model: 'MB-3', price: 299, qty: null, store: 'S2' }],
    ['竞品 美的 MB-3 299', { brand: '美的', model: 'MB-3', price: 299, qty: null, store: null }],
    ['竞品 美的 MB-3 299元 卖了2台', { brand: '美的', model: 'MB-3', price: 299, qty: 2, store: null }],
    ['竞品 美的 MB-3 ￥299 卖了 3 S1', { brand: '美的', model: 'MB-3', price: 299, qty: 3, store: 'S1' }],
    ['竞品 美的 MB-3 299 两台', { brand: '美的', model: 'MB-3', price: 299, qty: 2, store: null }],
    ['竞品美的 MB-3 299', { brand: '美的', model: 'MB-3', price: 299, qty: null, store: null }],
    ['COMP Midea MB-3', null],
    ['COMP Midea MB-3 cheap', null],
    ['COMP Midea MB-3 0', null],
    ['COMP Midea MB-3 299 sold', null],
    ['COMP Midea MB-3 299 2 3', null],
  ])('%s', (text, expected) => {
    const lexed = lex(text, aliasTable);
    expect(lexed.command).toBe('comp');
    const parsed = comp.parse(lexed.args);
    expect(parsed.ok ? parsed.value : null).toEqual(expected);
  });
});

/** Free text a sighting is read from (without the intent model): each message, and the COMP it proposes (null: none). */
describe('a sighting in free text', () => {
  const brands = [
    { code: 'MIDEA', name: 'Midea', nameZh: '美的', aliases: ['美的集团'], models: ['MB-3', 'KF-9'] },
    { code: 'SUPOR', name: 'Supor', nameZh: '苏泊尔', aliases: [], models: ['SF-1'] },
  ];
  test.each<[string, string | null]>([
    ['美的MB-3今天卖299', '美的 MB-3 299'],
    ['saw Midea MB-3 at 299, sold 2', 'Midea MB-3 299 sold 2'],
    ['美的 MB-3 12-04 卖299元 卖了2台', '美的 MB-3 299 sold 2'],
    ['苏泊尔SF-1标价399', '苏泊尔 SF-1 399'],
    ['midea mb-3 is 289 yuan here', 'Midea MB-3 289'],
    ['美的集团的KF-9才卖99块', '美的 KF-9 99'],
    ['Midea MB-3 sells well', null],
    ['美的MB-3卖了2台', null],
    ['美的新款很便宜 299', null],
    ['A100 3', null],
  ])('%s', (text, expected) => {
    const found = readSighting(text, brands);
    expect(found ? [found.brand, found.model, found.price, ...(found.qty ? ['sold', found.qty] : [])].join(' ') : null).toBe(expected);
  });
});

/**
 * Sightings end to end on a manual clock. Midea (美的) MB-3 competes with our A100 (¥399); KF-9 with
 * our kettles (B200 ¥129, B300 ¥149: median ¥139). S1 belongs to dealer DE (region east), S2 to DS
 * (south). The report's figures, by hand: east MB-3 at 299, 310, 305 and 150 → min 150, median 302,
 * max 310, 4 sightings; south KF-9 at 99 → 99, 1 sighting.
 */
const document = {
  products: [
    { sku: 'A100', name: 'Rice cooker', listPrice: 399, category: 'cooker' },
    { sku: 'B200', name: 'Kettle', listPrice: 129, category: 'kettle' },
    { sku: 'B300', name: 'Kettle plus', listPrice: 149, category: 'kettle' },
  ],
  dealers: [
    { code: 'DE', name: 'East Dealer', region: 'east', creditLimit: 1000 },
    { code: 'DS', name: 'South Dealer', region: 'south', creditLimit: 1000 },
  ],
  stores: [
    { code: 'S1', name: 'Store One', dealer: 'DE', timezone: 'Asia/Shanghai' },
    { code: 'S2', name: 'Store Two', dealer: 'DS', timezone: 'Asia/Shanghai' },
  ],
  people: [
    { id: 'Pia', name: 'Pia Wu', role: 'promoter', phone: pia, language: 'en', stores: ['S1'] },
    { id: 'Sue', name: 'Sue Lin', role: 'supervisor', phone: sue, language: 'zh', stores: ['S1'] },
  ],
  competitors: [
    {
      code: 'MIDEA',
      name: 'Midea',
      nameZh: '美的',
      aliases: ['美的集团'],
      models: [
        { model: 'MB-3', sku: 'A100' },
        { model: 'KF-9', category: 'kettle' },
      ],
    },
    { code: 'SUPOR', name: 'Supor', nameZh: '苏泊尔', models: [{ model: 'SF-1', category: 'cooker' }] },
  ],
};

describe('competitor sightings', () => {
  const ctx = proactiveGateway('2026-12-01T02:00:00Z', {}, document);
  const say = async (from: string, text: string, at?: string) => {
    if (at) ctx.clock.set(at);
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/simulate', { from, text });
    return (json.replies as { text: string }[]).map((r) => r.text).join('\n');
  };
  const sightings = () => countRows(ctx.gateway.runtime, 'select 1 from competitor_sightings');

  test('an unknown brand or model gets a did-you-mean and stores nothing; a known one is stored, at the promoter’s store', async () => {
    expect(await say(pia, 'COMP Mideo MB-3 299')).toBe('Unknown brand Mideo. Did you mean Midea?');
    expect(await say(pia, 'COMP Midea MB-8 299')).toBe('Midea has no model MB-8. Did you mean MB-3?');
    expect(await say(pia, 'COMP Midea MB-3 299 S2')).toBe('You are not assigned to S2. Your stores: S1.');
    expect(await sightings()).toBe(0);
    expect(await say(pia, 'COMP Midea MB-3 299 sold 2')).toBe('Noted: Midea MB-3 at ¥299.00, 2 sold, store S1.');
    // A supervisor names any store; the alias in Chinese finds the brand.
    expect(await say(sue, '竞品 美的集团 KF-9 99元 S2')).toBe('已记录竞品：美的 KF-9 ¥99.00，门店 S2。');
    expect(await say(sue, '竞品 美的 MB-3 310 卖了1台 S1', '2026-12-02T02:00:00Z')).toBe('已记录竞品：美的 MB-3 ¥310.00，售出 1，门店 S1。');
    expect(await say(pia, 'COMP midea mb-3 305', '2026-12-03T02:00:00Z')).toBe('Noted: Midea MB-3 at ¥305.00, store S1.');
    // Three earlier sightings make a median (305); 150 is more than 30 % below it: stored and flagged.
    expect(await say(pia, 'COMP Midea MB-3 150', '2026-12-04T02:00:00Z')).toBe(
      'Noted: Midea MB-3 at ¥150.00, store S1. Far from its 30-day median ¥305.00: flagged for review.',
    );
    expect(await sightings()).toBe(5);
    expect(await countRows(ctx.gateway.runtime, 'select 1 from competitor_sightings where flagged and median = 305')).toBe(1);
  });

  test('free text naming a sighting is proposed as COMP, stored only after YES', async () => {
    const before = await sightings();
    expect(await say(pia, 'saw Midea MB-3 at 289 today, sold 1', '2026-12-04T03:00:00Z')).toBe(
      'Did you mean: COMP Midea MB-3 289 sold 1? Reply YES to do it, NO to drop it.',
    );
    expect(await sightings()).toBe(before);
    expect(await say(pia, 'YES')).toBe('Noted: Midea MB-3 at ¥289.00, 1 sold, store S1.');
    expect(await sightings()).toBe(before + 1);
    // Sightings made the day before the report's last day count; remove this one so the report's figures stay as derived.
    await ctx.gateway.runtime.sql.query('delete from competitor_sightings where price = 289');
  });

  test('the report: by region and category, min, median and max beside our price, sightings and the latest day; CSV too', async () => {
    const { json } = await adminApi(ctx.gateway, 'GET', '/api/v1/reports/competitors?from=2026-12-01&to=2026-12-31');
    expect(json.rows).toEqual([
      {
        region: 'east',
        category: 'cooker',
        brand: 'Midea',
        model: 'MB-3',
        sku: 'A100',
        ourPrice: 399,
        min: 150,
        median: 302,
        max: 310,
        sightings: 4,
        latest: '2026-12-04',
      },
      {
        region: 'south',
        category: 'kettle',
        brand: 'Midea',
        model: 'KF-9',
        sku: null,
        ourPrice: 139,
        min: 99,
        median: 99,
        max: 99,
        sightings: 1,
        latest: '2026-12-01',
      },
    ]);
    const csv = await fetch(`${ctx.gateway.url}/api/v1/reports/competitors?from=2026-12-01&to=2026-12-31`, {
      headers: { authorization: `Bearer ${adminKey}`, accept: 'text/csv' },
    });
    expect((await csv.text()).split('\n').slice(0, 2)).toEqual([
      'region,category,brand,model,sku,ourPrice,min,median,max,sightings,latest',
      'east,cooker,Midea,MB-3,A100,399,150,302,310,4,2026-12-04',
    ]);
  });

  test('a competitor undercutting our price by more than COMPETITOR_ALERT_PERCENT over 7 days alerts the region’s supervisor; it resolves when it stops', async () => {
    // East's MB-3 median over the 7 days to 12-04 is 302, 24 % under our A100 at 399 (more than 10 %): Sue (S1 is east) owns it.
    // South's KF-9 (99 against the kettles' 139) has no supervisor there and no manager above anyone here: no owner, no alert.
    expect(await runJobAt(ctx, 'alert-escalation', '2026-12-04T03:00:00Z')).toMatchObject({ raised: 1 });
    const alerts = () =>
      ctx.gateway.runtime.sql.query<{ id: string; subject: string; owner: string; resolved: boolean }>(
        `select id::text, subject, owner, resolved_at is not null as resolved from alerts where kind = 'competitor-undercut'`,
      );
    const [alert] = await alerts();
    expect(alert).toMatchObject({ subject: 'east/MIDEA/MB-3', owner: 'Sue', resolved: false });
    const [told] = await ctx.gateway.runtime.sql.query<{ body: string }>(`select body from outbox where kind = 'alert' and person = 'Sue'`);
    expect(told!.body).toBe(`预警 ${alert!.id}：east 美的 MB-3 近7天中位价 ¥302.00，低于我方 A100 ¥399.00 24%。回复 确认 ${alert!.id}`);
    expect(await runJobAt(ctx, 'alert-escalation', '2026-12-05T03:00:00Z')).toMatchObject({ raised: 0 });
    // A week without sightings: nothing undercuts any more.
    expect(await runJobAt(ctx, 'alert-escalation', '2026-12-12T03:00:00Z')).toMatchObject({ resolved: 1 });
    expect((await alerts()).map((a) => a.resolved)).toEqual([true]);
  });

  test('a model mapped to an unknown SKU, or to both a SKU and a category, is refused per row; good rows land', async () => {
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
      competitors: [
        { code: 'GREE', name: 'Gree', models: [{ model: 'G1', sku: 'Z999' }] },
        { code: 'HAIER', name: 'Haier', models: [{ model: 'H1', sku: 'A100', category: 'cooker' }] },
        { code: 'JOYOUNG', name: 'Joyoung', nameZh: '九阳', models: [{ model: 'J1', category: 'kettle' }] },
      ],
    });
    expect(json.errors.map((e: { index: number; field: string; message: string }) => [e.index, e.field, e.message])).toEqual([
      [0, 'models', 'unknown product: Z999'],
      [1, 'models.0.sku', 'map a model to a sku or a category (one of them)'],
    ]);
    expect(json.counts).toEqual({ competitors: 1 });
    expect(await say(pia, 'COMP 九阳 J1 89')).toBe('Noted: Joyoung J1 at ¥89.00, store S1.');
  });
});

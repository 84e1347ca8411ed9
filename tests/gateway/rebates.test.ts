import { adminApi, postTwilio, smsForm } from '../support/gateway';
import { proactiveGateway, settle, runJobAt } from '../support/proactive';

const wu = '+8613900000001';
const nora = '+12125550101';
const sun = '+8613900000097';
const other = '+8613900000095';

/**
 * Rebates (issue 20) on a manual clock. DS (Shanghai, tier gold) is covered by two policies that
 * add up: GOLD-M, monthly, fridges tiered by volume (units 0–9 at 1 %, 10–19 at 2 %, 20 and over at
 * 3 % of their value, filled in the order delivered) and C300 at ¥5 a unit; DS-Q, its own, quarterly,
 * 1 % of TVs. Deliveries (Shanghai dates):
 *   1-Oct  28 Oct: A100 ×5 (October's: not November's)
 *   1-N1    5 Nov: A100 ×8 @100, C300 ×3 @200   (a return of 1 C300 waits for approval: not netted)
 *   1-N2   15 Nov: A100 ×6 @100, B200 ×10 @50   (a return of 2 A100 is approved: netted, 4 count)
 *   1-D1   30 Nov 20:00Z = 1 Dec 04:00 in Shanghai: A100 ×1 (December's)
 * November's GOLD-M, by hand: A100 8 → units 0–7 at 1 % = 8.00; A100 4 → units 8–9 at 1 % = 2.00 and
 * 10–11 at 2 % = 4.00; B200 10 → units 12–19 at 2 % of 50 = 8.00 and 20–21 at 3 % of 50 = 3.00; fridges
 * 25.00; C300 3 × 5 = 15.00; in all ¥40.00. DS-Q's Q4 so far: 3 C300 × 200 × 1 % = ¥6.00.
 */
const document = {
  products: [
    { sku: 'A100', name: 'Fridge A', listPrice: 100, category: 'fridge' },
    { sku: 'B200', name: 'Fridge B', listPrice: 50, category: 'fridge' },
    { sku: 'C300', name: 'TV C', listPrice: 200, category: 'tv' },
  ],
  dealers: [
    { code: 'DS', name: 'Shanghai Dealer', tier: 'gold', creditLimit: 100_000, balance: 1_000 },
    { code: 'DN', name: 'New York Dealer', creditLimit: 100_000 },
  ],
  people: [
    { id: 'Boss', name: 'Boss Qian', role: 'manager', phone: '+8613900000098', language: 'en' },
    { id: 'Mgr', name: 'Mgr Sun', role: 'manager', phone: sun, language: 'zh', manager: 'Boss' },
    { id: 'Other', name: 'Other Zhao', role: 'manager', phone: other, language: 'zh' },
    { id: 'Wu', name: 'Wu Fang', role: 'dealer', phone: wu, language: 'zh', timezone: 'Asia/Shanghai', dealer: 'DS', manager: 'Mgr' },
    { id: 'Nora', name: 'Nora Kim', role: 'dealer', phone: nora, language: 'en', timezone: 'America/New_York', dealer: 'DN', manager: 'Mgr' },
  ],
  orders: [
    { number: '1-Oct', dealer: 'DS', status: 'delivered', lines: [{ sku: 'A100', qty: 5, price: 100 }] },
    {
      number: '1-N1',
      dealer: 'DS',
      status: 'delivered',
      lines: [
        { sku: 'A100', qty: 8, price: 100 },
        { sku: 'C300', qty: 3, price: 200 },
      ],
    },
    {
      number: '1-N2',
      dealer: 'DS',
      status: 'delivered',
      lines: [
        { sku: 'A100', qty: 6, price: 100 },
        { sku: 'B200', qty: 10, price: 50 },
      ],
    },
    { number: '1-D1', dealer: 'DS', status: 'delivered', lines: [{ sku: 'A100', qty: 1, price: 100 }] },
  ],
  rebatePolicies: [
    {
      code: 'GOLD-M',
      name: 'Gold monthly',
      tier: 'gold',
      period: 'month',
      rules: [
        { sku: 'C300', kind: 'fixed', perUnit: 5 },
        {
          category: 'fridge',
          kind: 'increasing',
          bands: [
            { from: 0, rate: 0.01 },
            { from: 10, rate: 0.02 },
            { from: 20, rate: 0.03 },
          ],
        },
      ],
    },
    { code: 'DS-Q', name: 'DS quarterly', dealer: 'DS', period: 'quarter', rules: [{ category: 'tv', kind: 'fixed', rate: 0.01 }] },
  ],
};

describe('rebates', () => {
  const ctx = proactiveGateway('2026-11-30T12:00:00Z', {}, document);
  const { twilio, clock } = ctx;
  const sql = (query: string, params: unknown[] = []) => ctx.gateway.runtime.sql.query<Record<string, unknown>>(query, params);
  const run = (at: string) => runJobAt(ctx, 'rebates', at);
  const to = (phone: string) => twilio.messages.filter((m) => m.form.To === phone).map((m) => m.form.Body);
  const reply = async (from: string, text: string) => {
    const before = twilio.messages.length;
    await postTwilio(ctx.gateway, '/webhooks/twilio/sms', smsForm(from, text));
    await twilio.waitForMessages(before + 1);
    await settle(ctx.gateway, clock);
    return twilio.messages.filter((m, i) => i >= before && m.form.To === from).map((m) => m.form.Body);
  };
  const balance = async () => Number((await sql(`select balance::text as b from dealers where code = 'DS'`))[0]!.b);

  beforeAll(async () => {
    for (const [number, at] of [
      ['1-Oct', '2026-10-28T04:00:00Z'],
      ['1-N1', '2026-11-05T04:00:00Z'],
      ['1-N2', '2026-11-15T04:00:00Z'],
      ['1-D1', '2026-11-30T20:00:00Z'],
    ])
      await sql('update orders set updated_at = $2 where number = $1', [number, at]);
    await sql(`insert into returns (number, order_number, dealer, requested_by, approver, status, reason, created_at)
               values ('R-A', '1-N2', 'DS', 'Wu', 'Mgr', 'approved', 'damaged', '2026-11-20T04:00:00Z'),
                      ('R-P', '1-N1', 'DS', 'Wu', 'Mgr', 'pending_approval', 'scratched', '2026-11-21T04:00:00Z')`);
    await sql(`insert into return_lines (return_number, sku, qty, price) values ('R-A', 'A100', 2, 100), ('R-P', 'C300', 1, 200)`);
  });

  test('accrued net of returns, applied at the close once, approved into the ledger, the dealer told', async () => {
    // 30 Nov, 20:00 in Shanghai: what has accrued so far, in the open periods.
    // Over one segment, a reply goes as several texts, split at a space.
    expect((await reply(wu, '返利')).join(' ')).toBe('本期累计：DS quarterly 2026-Q4 ¥6.00；Gold monthly 2026-11 ¥40.00。今年已抵¥0.00。');
    expect(await reply(nora, 'REBATE')).toEqual(['No rebate policy covers your account.']);

    // 1 Dec, 08:30 in Shanghai: November closes; the quarter has not. One application, to Wu's manager, once.
    expect(await run('2026-12-01T00:30:00Z')).toMatchObject({ applications: 1, planned: 1 });
    expect(await run('2026-12-01T01:30:00Z')).toMatchObject({ applications: 0, planned: 0 });
    const [application] = await sql(`select number, amount::text, period, person, approver from rebates`);
    expect(application).toMatchObject({ amount: '40.00', period: '2026-11', person: 'Wu', approver: 'Mgr' });
    const number = String(application!.number);
    expect(to(sun)).toEqual([
      `待审批返利：${number}，Shanghai Dealer（DS），Gold monthly 2026-11：¥40.00，批准后冲减其应收款。回复 批准 ${number} 或 驳回 ${number} 原因。`,
    ]);
    // December has 1-D1 (A100 ×1 at 1 %) so far; November's waits for approval.
    expect((await reply(wu, 'FL')).join(' ')).toBe(
      `本期累计：DS quarterly 2026-Q4 ¥6.00；Gold monthly 2026-12 ¥1.00。待审批：${number}（2026-11）¥40.00。今年已抵¥0.00。`,
    );

    // Only the dealer's manager chain decides; approved, a rebate entry lowers the balance, once.
    const before = await balance();
    expect(await reply(other, `批准 ${number}`)).toEqual([`返利 ${number} 不由您审批。`]);
    expect(await reply(sun, `批准 ${number}`)).toEqual([`返利 ${number} 已批准。已通知 Wu Fang。`]);
    expect(await balance()).toBe(before - 40);
    expect(to(wu).at(-1)).toBe(`返利 ${number}（Gold monthly，2026-11，¥40.00）已由 Mgr Sun 批准并冲减您的应付款，当前余额 ¥${(before - 40).toFixed(2)}。`);
    expect(await reply(sun, `批准 ${number}`)).toEqual([`返利 ${number} 不在待审批状态。`]);
    const entries = await sql(`select amount::text, note from dealer_ledger where kind = 'rebate'`);
    expect(entries).toEqual([{ amount: '-40.00', note: `rebate ${number}: Gold monthly, 2026-11` }]);
    // The ledger is the balance; BALANCE shows the rebate credited this year.
    expect((await sql(`select sum(amount)::text as s from dealer_ledger where dealer = 'DS'`))[0]!.s).toBe((before - 40).toFixed(2));
    expect((await reply(wu, '余额')).join('\n')).toBe(
      'Shanghai Dealer：余额¥960.00，额度¥100000.00，在途订单¥0.00，可用¥99040.00。\n无逾期。今年返利已抵¥40.00。',
    );

    // 1 Jan, 09:00 in Shanghai: December's month and the fourth quarter close; one is rejected, and credits nothing.
    expect(await run('2027-01-01T01:00:00Z')).toMatchObject({ applications: 2, planned: 2 });
    const applied = await sql(`select number, policy, period, amount::text from rebates where status = 'pending_approval' order by policy`);
    expect(applied.map((r) => [r.policy, r.period, r.amount])).toEqual([
      ['DS-Q', '2026-Q4', '6.00'],
      ['GOLD-M', '2026-12', '1.00'],
    ]);
    const quarterly = String(applied[0]!.number);
    expect(await reply(sun, `驳回 ${quarterly} 季度政策已取消`)).toEqual([`返利 ${quarterly} 已驳回。已通知 Wu Fang。`]);
    expect(to(wu).at(-1)).toBe(`返利 ${quarterly}（DS quarterly，2026-Q4，¥6.00）被 Mgr Sun 驳回：季度政策已取消`);
    expect(await balance()).toBe(before - 40);
    expect(await run('2027-01-01T02:00:00Z')).toMatchObject({ applications: 0 });
  });

  test('a policy for a tier and for a dealer at once, or with a band that does not rise, is refused per row; good rows land', async () => {
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
      rebatePolicies: [
        { code: 'BAD-1', name: 'both', tier: 'gold', dealer: 'DS', period: 'month', rules: [{ sku: 'A100', kind: 'fixed', rate: 0.01 }] },
        {
          code: 'BAD-2',
          name: 'falling',
          tier: 'gold',
          period: 'month',
          rules: [
            {
              sku: 'A100',
              kind: 'increasing',
              bands: [
                { from: 0, rate: 0.02 },
                { from: 5, rate: 0.01 },
              ],
            },
          ],
        },
        { code: 'BAD-3', name: 'unknown sku', tier: 'gold', period: 'month', rules: [{ sku: 'Z999', kind: 'fixed', rate: 0.01 }] },
        { code: 'OK-1', name: 'silver', tier: 'silver', period: 'quarter', rules: [{ category: 'tv', kind: 'fixed', rate: 0.02 }] },
      ],
    });
    expect(json.errors.map((e: { index: number; field: string; message: string }) => [e.index, e.field, e.message])).toEqual([
      [0, 'dealer', 'give a dealer or a tier, not both'],
      [1, 'rules.0', 'an increasing rule needs rates that rise band by band'],
      [2, 'rules', 'unknown product: Z999'],
    ]);
    expect(json.counts).toEqual({ rebatePolicies: 1 });
    expect((await sql(`select code from rebate_policies order by code`)).map((r) => r.code)).toEqual(['DS-Q', 'GOLD-M', 'OK-1']);
  });
});

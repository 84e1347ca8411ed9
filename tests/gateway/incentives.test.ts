import { signedInOperator, ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * A promoter's month, end to end: check-ins, daily reports, a corrected report, an outlier accepted
 * and one not, then the statement — every figure worked out by hand below.
 */
describe('a promoter’s October ends in a statement', () => {
  const clock = new ManualClock(new Date('2026-10-05T01:00:00Z'));
  let gateway: TestGateway;
  const pam = '+8613800000031';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      products: [{ sku: 'B200', name: 'Electric kettle', listPrice: 129, category: 'kitchen' }],
      people: [{ id: 'Pam', name: 'Pam Wu', role: 'promoter', phone: pam, language: 'en', timezone: 'Asia/Shanghai', stores: ['S1'], manager: 'Sam' }],
      incentivePlans: [
        {
          code: 'P1',
          name: 'Promoter standard',
          basePay: 3000,
          allowances: { perDayAttended: 50 },
          commissions: [
            {
              sku: 'A100',
              kind: 'increasing',
              bands: [
                { from: 0, perUnit: 5 },
                { from: 10, perUnit: 8 },
              ],
            },
            { category: 'kitchen', kind: 'fixed', rate: 0.02 },
          ],
        },
      ],
      planAssignments: [{ person: 'Pam', plan: 'P1', from: '2026-09' }],
    });
    expect(json.errors).toEqual([]);
  });
  afterAll(() => gateway.stop());

  const at = (instant: string) => clock.set(instant);
  const say = async (text: string) =>
    (await adminApi(gateway, 'POST', '/api/v1/simulate', { from: pam, text })).json.replies.map((r: { text: string }) => r.text);

  test('the month', async () => {
    at('2026-10-05T01:00:00Z'); // 09:00 Shanghai
    await say('IN S1');
    await say('SALES A100 4 B200 2');
    at('2026-10-05T10:00:00Z');
    await say('OUT');

    at('2026-10-06T01:00:00Z');
    await say('IN S1');
    await say('SALES A100 3');
    expect(await say('SALES A100 5 B200 1')).toEqual(['S1 sales for 10-06 replaced: A100 3->5, B200 0->1; total ¥2124.00.']);

    at('2026-10-07T01:00:00Z');
    await say('IN S1');
    // usual: A100 4 + 5 over 2 reported days = 4.5; 30 > 3 × 4.5
    expect(await say('SALES A100 30')).toEqual(['S1 sales for 10-07 recorded: A100 30; total ¥11970.00. Flagged for review: A100 30 (usual 4.5/day).']);
    // The supervisor finds it among the reports awaiting review, and accepts it.
    const review = (await adminApi(gateway, 'GET', '/api/v1/sell-out?from=2026-10-01&to=2026-10-31&flagged=true')).json.reports;
    expect(review).toEqual([
      expect.objectContaining({ day: '2026-10-07', person: 'Pam', store: 'S1', lines: [{ sku: 'A100', qty: 30, unitPrice: 399 }], acceptedAt: null }),
    ]);
    // Who accepts is who signed in: Sam's operator account, not a name in the body.
    expect(await adminApi(gateway, 'POST', `/api/v1/sell-out/${review[0].id}/accept`, { by: 'Sam' })).toMatchObject({
      status: 400,
      json: { error: { code: 'BAD_REQUEST' } },
    });
    const sam = await signedInOperator(gateway, { email: 'sam@example.com', role: 'operator', person: 'Sam' });
    expect((await sam.call('POST', `/api/v1/sell-out/${review[0].id}/accept`, {})).status).toBe(200);
    const reports = (await adminApi(gateway, 'GET', '/api/v1/sell-out?from=2026-10-01&to=2026-10-31')).json.reports as {
      id: string;
      acceptedBy: string | null;
    }[];
    expect(reports.find((r) => r.id === review[0].id)).toMatchObject({ acceptedBy: 'Sam' });
    expect((await adminApi(gateway, 'POST', '/api/v1/sell-out/999999/accept', {})).status).toBe(404);

    at('2026-10-08T01:00:00Z');
    await say('IN S1'); // never checked out: it closes itself at midnight, and the day counts
    // usual: 4 + 5 + 30 over 3 days = 13; 50 > 39: flagged, and never accepted
    expect(await say('SALES A100 50')).toEqual(['S1 sales for 10-08 recorded: A100 50; total ¥19950.00. Flagged for review: A100 50 (usual 13/day).']);

    at('2026-11-23T02:00:00Z');
    // Days attended: 5, 6, 7, 8 October → 4 × ¥50 = 200.
    // A100 (increasing, in the order sold): 4 + 5 units at ¥5 = 45; of the 30 accepted, 1 more at ¥5 = 5 and 29 at ¥8 = 232 → 282.
    // B200 (kitchen, 2 % of ¥129): 3 units → 7.74. The unaccepted 50 on the 8th count for nothing.
    // Total: 3000 + 200 + 282 + 7.74 = 3489.74.
    expect(await say('PAY 2026-10')).toEqual(['Pay 2026-10: base ¥3000.00, allowances ¥200.00 (4 days), commission ¥289.74, total ¥3489.74.']);
    // November to date: base 3000 × 23/30, nothing else yet.
    expect(await say('PAY')).toEqual(['Pay 2026-11 to 11-23: base ¥2300.00, allowances ¥0.00 (0 days), commission ¥0.00, total ¥2300.00.']);
    expect(await say('PAY 2026-12')).toEqual(['2026-12 is in the future.']);

    const { json } = await adminApi(gateway, 'GET', '/api/v1/incentives?month=2026-10');
    expect(json.statements).toEqual([
      {
        person: 'Pam',
        name: 'Pam Wu',
        month: '2026-10',
        through: null,
        currency: 'CNY',
        base: 3000,
        daysAttended: 4,
        storeVisits: 0,
        allowances: 200,
        commission: 289.74,
        total: 3489.74,
      },
    ]);
    const csv = await fetch(`${gateway.url}/api/v1/incentives?month=2026-10`, { headers: { authorization: 'Bearer test-admin-key-0123', accept: 'text/csv' } });
    expect(await csv.text()).toBe(
      'person,name,month,through,currency,base,daysAttended,storeVisits,allowances,commission,total\nPam,Pam Wu,2026-10,,CNY,3000,4,0,200,289.74,3489.74\n',
    );

    const report = await adminApi(gateway, 'GET', '/api/v1/reports/sell-out?from=2026-10-01&to=2026-10-31&groupBy=sku');
    expect(report.json.rows).toEqual([
      { sku: 'A100', units: 89, value: 89 * 399, reports: 4, flaggedUnaccepted: 1 },
      { sku: 'B200', units: 3, value: 387, reports: 2, flaggedUnaccepted: 0 },
    ]);
  });
});

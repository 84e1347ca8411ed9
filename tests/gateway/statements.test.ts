import { postTwilio, signedInOperator, smsForm } from '../support/gateway';
import { proactiveGateway, runJobAt } from '../support/proactive';

const wu = '+8613900000001';
const nora = '+12125550101';

/**
 * Monthly statements (issue 20) on a manual clock: from the first of the month in each dealer's own
 * zone, the month before's ledger is stated once per dealer and sent inside the statement window
 * (09:00–18:00 by default); OK confirms it, DISPUTE puts it in Needs attention with the statement.
 *
 * The ledgers (entries posted at these instants):
 *   DS (Shanghai): invoice +10,000 on 10-20 (before November: the opening); invoice +5,000 on 11-10,
 *     payment −3,000 on 11-20, credit note −500 on 11-25; invoice +700 at 2026-11-30T20:00Z, which is
 *     04:00 on 1 December in Shanghai: December's. November: 10,000 + 5,000 − 3,000 − 500 = 11,500.
 *   DN (New York): invoice +2,000 on 11-05; payment −2,000 at 2026-11-30T20:00Z, 15:00 on 30 November
 *     in New York: November's. November: 0 + 2,000 − 2,000 = 0.
 */
describe('monthly statements', () => {
  const ctx = proactiveGateway('2026-11-30T12:00:00Z', {});
  const { twilio } = ctx;
  const run = (at: string) => runJobAt(ctx, 'statements', at);
  const to = (phone: string) => twilio.messages.filter((m) => m.form.To === phone).map((m) => m.form.Body);
  const reply = async (from: string, text: string) => {
    const before = twilio.messages.length;
    await postTwilio(ctx.gateway, '/webhooks/twilio/sms', smsForm(from, text));
    return (await twilio.waitForMessages(before + 1)).slice(before).map((m) => m.form.Body);
  };

  beforeAll(async () => {
    const post = (dealer: string, kind: string, amount: number, reference: string, at: string) =>
      ctx.gateway.runtime.sql.query('insert into dealer_ledger (dealer, kind, amount, reference, at) values ($1, $2, $3, $4, $5)', [
        dealer,
        kind,
        amount,
        reference,
        at,
      ]);
    await post('DS', 'invoice', 10_000, 'INV-S1', '2026-10-20T02:00:00Z');
    await post('DS', 'invoice', 5_000, 'INV-S2', '2026-11-10T02:00:00Z');
    await post('DS', 'payment', -3_000, 'INV-S1', '2026-11-20T02:00:00Z');
    await post('DS', 'credit-note', -500, 'CN-1', '2026-11-25T02:00:00Z');
    await post('DS', 'invoice', 700, 'INV-S3', '2026-11-30T20:00:00Z');
    await post('DN', 'invoice', 2_000, 'INV-N1', '2026-11-05T15:00:00Z');
    await post('DN', 'payment', -2_000, 'INV-N1', '2026-11-30T20:00:00Z');
  });

  test('each dealer’s in their own month and window, once; OK confirms, DISPUTE waits in Needs attention', async () => {
    // 08:30 on 1 December in Shanghai (19:30 on 30 November in New York): Shanghai's is made, to leave at 09:00.
    expect(await run('2026-12-01T00:30:00Z')).toMatchObject({ statements: 1, planned: 1 });
    expect(twilio.messages).toHaveLength(0);
    expect(await run('2026-12-01T01:00:00Z')).toMatchObject({ statements: 0, planned: 0 });
    expect(to(wu)).toEqual([
      'Shanghai Dealer 2026-11 对账单：期初¥10000.00，开票¥5000.00，回款¥3000.00，冲减¥500.00，期末¥11500.00。回复 确认 无误，或 有误 加说明。',
    ]);
    // 09:00 in New York: hers.
    expect(await run('2026-12-01T14:00:00Z')).toMatchObject({ statements: 1, planned: 1 });
    expect(to(nora)).toEqual([
      'Statement 2026-11, New York Dealer: opening ¥0.00, invoiced ¥2000.00, paid ¥2000.00, credited ¥0.00, closing ¥0.00. Reply OK to confirm, or DISPUTE and what is wrong.',
    ]);

    expect(await reply(wu, '确认')).toEqual(['已确认 2026-11 对账单，谢谢。']);
    expect(await reply(wu, '确认')).toEqual(['没有待确认的事项。']);
    expect(await reply(nora, 'DISPUTE the payment of 11-30 was for INV-N9, not INV-N1')).toEqual([
      'Your dispute of statement 2026-11 is noted; the sales office will reconcile it with you.',
    ]);
    expect(await reply(nora, 'dispute again')).toEqual(['No statement is waiting for your answer.']);

    const items = await ctx.gateway.runtime.attention.items(30, 50);
    const disputed = items.filter((item) => item.reason === 'disputed-statement');
    expect(disputed.map((item) => [item.item, item.person?.id, item.peer, item.text, item.statement])).toEqual([
      [
        'statement:DN:2026-11',
        'Nora',
        nora,
        'the payment of 11-30 was for INV-N9, not INV-N1',
        { dealer: 'DN', month: '2026-11', currency: 'CNY', opening: 0, invoiced: 2000, paid: 2000, credited: 0, closing: 0 },
      ],
    ]);
    // The console's queue shows it with the statement, in the operator's language.
    const desk = await signedInOperator(ctx.gateway, { email: 'desk@example.com', role: 'operator' });
    for (const [language, words] of [
      ['en', 'Statement disputed'],
      ['zh', '对账单有异议'],
    ]) {
      const page = await fetch(`${ctx.gateway.url}/console/attention`, { headers: { cookie: desk.cookie, 'accept-language': language } });
      const html = await page.text();
      expect(html).toContain(words);
      expect(html).toContain(
        language === 'en' ? 'Statement DN 2026-11: opening ¥0.00, invoiced ¥2000.00, paid ¥2000.00' : '对账单 DN 2026-11：期初¥0.00，开票¥2000.00',
      );
    }
    // A month later, December's: DS's opens with November's closing and has the 700 of 1 December.
    expect(await run('2027-01-01T01:00:00Z')).toMatchObject({ statements: 1 });
    expect(to(wu).at(-1)).toMatch(/^Shanghai Dealer 2026-12 对账单：期初¥11500\.00，开票¥700\.00，回款¥0\.00，冲减¥0\.00，期末¥12200\.00。/);
  });
});

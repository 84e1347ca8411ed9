import { DateTime } from 'luxon';
import { adminApi } from '../support/gateway';
import { network, proactiveGateway, settle } from '../support/proactive';

/**
 * Proactive messages replayed through time: a ManualClock stands for the wall clock of every
 * job and of the contact policy, the real dispatcher sends to the fake Twilio, and every message
 * a month of dunning produces is compared with the list written out by hand below.
 */

describe('a month of dunning, replayed hour by hour', () => {
  const ctx = proactiveGateway(
    '2026-10-20T00:00:00Z',
    { SEND_WINDOWS: '09:00-20:00', DAILY_MESSAGE_CAP: '3' },
    {
      ...network,
      invoices: [
        { number: 'S-1', dealer: 'DS', amount: 1000, dueDate: '2026-10-26' },
        { number: 'N-1', dealer: 'DN', amount: 2000, currency: 'USD', dueDate: '2026-10-30' },
        { number: 'N-2', dealer: 'DN', amount: 500, currency: 'USD', dueDate: '2026-11-10' },
      ],
    },
  );
  const { twilio, clock } = ctx;

  test('every reminder at 09:00 on its recipient’s calendar, once; a paid invoice’s step cancelled; the 30-day step an alert', async () => {
    const runs: number[] = [];
    for (let at = DateTime.fromISO('2026-10-20T00:00:00Z'); at < DateTime.fromISO('2026-11-27T00:00:00Z'); at = at.plus({ hours: 1 })) {
      clock.set(at.toJSDate());
      if (at.toUTC().hour === 1) {
        // The scheduler's 09:00 Asia/Shanghai run, and an operator running it again: the second plans nothing.
        for (let i = 0; i < 2; i++) runs.push((await adminApi(ctx.gateway, 'POST', '/api/v1/jobs/dunning/run', {})).json.planned);
      }
      if (at.toMillis() === Date.parse('2026-11-10T03:00:00Z')) {
        // N-2 is paid after its due-date reminder was planned for 09:00 New York, before it left.
        await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
          invoices: [{ number: 'N-2', dealer: 'DN', amount: 500, currency: 'USD', dueDate: '2026-11-10', paidAmount: 500 }],
        });
      }
      await settle(ctx.gateway, clock);
    }
    expect(runs.filter((planned, i) => i % 2 === 1 && planned > 0)).toEqual([]);

    const sent = await ctx.gateway.runtime.sql.query<{ to: string; text: string; at: Date; status: string; error_code: string | null }>(
      `select recipient as "to", body as text, coalesce(sent_at, not_before) as at, status, error_code from outbox where kind <> 'reply' order by 3, id`,
    );
    expect(sent.map((m) => [m.at.toISOString().slice(0, 16), m.to, m.text, m.status === 'cancelled' ? `cancelled ${m.error_code}` : 'sent'])).toEqual([
      ['2026-10-23T01:00', '+8613900000001', '提醒：发票 S-1，金额 ¥1000.00，将于10月26日到期，请按时付款。', 'sent'],
      ['2026-10-26T01:00', '+8613900000001', '发票 S-1，金额 ¥1000.00，10月26日到期，请安排付款。', 'sent'],
      ['2026-10-27T13:00', '+12125550101', 'Reminder: invoice N-1 for $2000.00 is due on 30 Oct. Thank you for paying on time.', 'sent'],
      ['2026-10-30T13:00', '+12125550101', 'Invoice N-1 for $2000.00 falls due on 30 Oct. Please arrange payment.', 'sent'],
      ['2026-11-02T01:00', '+8613900000001', '发票 S-1 尚欠 ¥1000.00，已于10月26日逾期，请尽快付款或联系我们。', 'sent'],
      // New York is on EST from 1 November: 09:00 local is 14:00 UTC now.
      ['2026-11-06T14:00', '+12125550101', 'Invoice N-1: $2000.00 overdue since 30 Oct. Please pay now or call us.', 'sent'],
      ['2026-11-07T14:00', '+12125550101', 'Reminder: invoice N-2 for $500.00 is due on 10 Nov. Thank you for paying on time.', 'sent'],
      ['2026-11-09T01:00', '+8613900000001', '发票 S-1 尚欠 ¥1000.00，已于10月26日逾期，请尽快付款或联系我们。', 'sent'],
      ['2026-11-10T14:00', '+12125550101', 'Invoice N-2 for $500.00 falls due on 10 Nov. Please arrange payment.', 'cancelled REASON_GONE'],
      ['2026-11-13T14:00', '+12125550101', 'Invoice N-1: $2000.00 overdue since 30 Oct. Please pay now or call us.', 'sent'],
      ['2026-11-25T01:00', '+8613900000096', 'Alert 1: invoice S-1 (DS) ¥1000.00 is 30 days overdue. Reply ACK 1', 'sent'],
    ]);
    // What the provider got: exactly the sent ones, each once.
    expect(twilio.messages.map((m) => `${m.form.To} ${m.form.Body}`)).toEqual(sent.filter((m) => m.status !== 'cancelled').map((m) => `${m.to} ${m.text}`));
  });
});

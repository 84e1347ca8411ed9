import { segmentInfo } from '../../domain/sms';
import { countRows, eventually, gatewayWithFakeTwilio, smsProcessed } from '../support/gateway';

const mei = '+8613800000009';
const sam = '+8613800000008';

/**
 * A manager's NOTICE by SMS (issue 19): it previews the count and cost and asks YES; YES plans it to
 * the people under the sender (their manager chain) and nobody else, once; NO and an unanswered
 * question plan nothing. Demo data: Mei (Li Mei) manages Sam, Wang Wei, Diana, Liu Dan and Tom; Sam manages Zhang An.
 */
describe('NOTICE by SMS', () => {
  const setup = gatewayWithFakeTwilio({ env: { SEND_WINDOWS: '00:00-24:00,broadcast=00:00-24:00', SMS_PRICE_PER_SEGMENT: '0.05', SMS_PRICE_CURRENCY: 'CNY' } });
  const to = (phone: string) => setup.twilio.messages.filter((m) => m.form.To === phone).map((m) => m.form.Body);
  /** Sends a text and answers the reply it gets. */
  const ask = async (phone: string, text: string) => {
    const before = to(phone).length;
    await smsProcessed(setup.gateway, phone, text);
    return (await eventually(async () => (to(phone).length > before ? to(phone).at(-1) : undefined)))!;
  };

  beforeEach(() => setup.twilio.reset());

  // The YES's commit releases what is due at once: nothing here waits for the 15-second release sweep.
  test('a supervisor’s notice reaches only her promoter, once, after YES', async () => {
    // "Sam Zhou: Shelf check…" is 67 GSM-7 characters: one segment, to one person.
    expect(await ask(sam, 'NOTICE Shelf check tomorrow 9am, bring the new price cards!')).toMatch(
      /^Notice to 1 person by SMS \(1 segment each, ¥0\.05\)\. All have it by \d\d-\d\d \d\d:\d\d\. Reply YES to send, NO to cancel\.$/,
    );
    expect(await countRows(setup.gateway.runtime, `select 1 from outbox where kind = 'broadcast'`)).toBe(0);
    expect(await ask(sam, 'YES')).toMatch(/^Notice sent to 1 person; all have it by /);
    const reached = await eventually(async () => to('+8613800000003').at(0));
    expect(reached).toBe('Sam Zhou: Shelf check tomorrow 9am, bring the new price cards!');
    // A second YES finds nothing pending and plans nothing.
    await smsProcessed(setup.gateway, sam, 'YES');
    expect(await countRows(setup.gateway.runtime, `select 1 from outbox where kind = 'broadcast'`)).toBe(1);
    expect(await countRows(setup.gateway.runtime, `select 1 from broadcasts where authority = 'Sam' and status = 'confirmed'`)).toBe(1);
  });

  test('a manager’s notice in Chinese reaches everyone under her, and only them', async () => {
    // Six people under Mei (Sam, Wang Wei, Diana, Liu Dan, Tom, and Zhang An under Sam): the signed text is 23 characters, one UCS-2 segment each.
    const preview = await ask(mei, '通知：周五仓库停业，订单顺延至下周一。');
    expect(preview).toMatch(/^将通知 6 人：短信 6 人（各 1 条，¥0\.30）；\d\d-\d\d \d\d:\d\d 前送达。回复 是 发送，否 取消。$/);
    // The question itself costs one segment.
    expect(segmentInfo(preview).segments).toBe(1);
    expect(await ask(mei, '是')).toMatch(/^通知已发出，共 6 人/);
    await eventually(async () => (setup.twilio.messages.filter((m) => m.form.Body?.startsWith('Li Mei：')).length >= 6 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reached = setup.twilio.messages.filter((m) => m.form.Body === 'Li Mei：周五仓库停业，订单顺延至下周一。').map((m) => m.form.To);
    // Not the customers Chen Jie and Lily Ng, who are nobody's reports, nor Mei herself.
    expect(reached.sort()).toEqual(['+8613800000001', '+8613800000002', '+8613800000003', '+8613800000004', '+8613800000006', '+8613800000008']);
  });

  test('NO, or no answer within the dialog’s time, plans nothing', async () => {
    await ask(sam, 'NOTICE Store visit moved to Thursday.');
    expect(await ask(sam, 'NO')).toBe('Notice cancelled; nothing was sent.');
    await ask(sam, 'notice Store visit moved to Friday.');
    await setup.gateway.runtime.sql.query(`update dialogs set expires_at = now() - interval '1 minute' where person = 'Sam'`);
    const before = to(sam).length;
    await smsProcessed(setup.gateway, sam, 'YES');
    const replies = await eventually(async () => (to(sam).length >= before + 2 ? to(sam).slice(-2) : undefined));
    expect(replies[0]).toMatch(/^Your notice prepared at .* expired and was not sent\.$/);
    expect(replies[1]).toBe('There is nothing to confirm.');
    expect(
      await countRows(setup.gateway.runtime, `select 1 from broadcasts where authority = 'Sam' and texts->>'en' like '%moved to%' and status = 'cancelled'`),
    ).toBe(2);
    expect(
      await countRows(setup.gateway.runtime, `select 1 from outbox where reason in (select 'broadcast:' || id from broadcasts where status = 'cancelled')`),
    ).toBe(0);
  });

  test('a dealer may not send a notice; an empty one gets its usage; one too long says so and keeps nothing', async () => {
    const before = await countRows(setup.gateway.runtime, 'select 1 from broadcasts');
    expect(await ask('+8613800000002', 'NOTICE all stores closed')).toBe('NOTICE is not available to you. Send HELP for your commands.');
    expect(await ask(mei, '通知')).toBe('用法：通知 内容，如 通知 周五仓库停业');
    // Signed "Li Mei：仓库…" is split where it has a space: "Li" (one segment), then 223 characters (four UCS-2 segments).
    expect(await ask(mei, `通知 ${'仓库'.repeat(110)}`)).toBe('中文内容为 5 条短信，最多 3 条。');
    expect(await countRows(setup.gateway.runtime, 'select 1 from broadcasts')).toBe(before);
  });
});

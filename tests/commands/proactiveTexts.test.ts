import { alertText } from '../../commands/jobs/alerts';
import { dunningText } from '../../commands/jobs/dunning';
import { segmentInfo } from '../../domain/sms';

/** Proactive templates are paid for per segment: with ordinary data each is one SMS segment in either language. */
describe('proactive texts fit one segment', () => {
  const invoice = { number: 'INV-2026-004512', dealer: 'D1', outstanding: 1_234_567.89, currency: 'CNY', dueDate: '2026-11-26' };
  const texts = [
    ...[-3, 0, 7].flatMap((days) => (['en', 'zh'] as const).map((language) => dunningText({ invoice }, days, language))),
    ...(['en', 'zh'] as const).flatMap((language) => [
      alertText({ id: '123456', kind: 'credit-limit', subject: 'D1', details: { exposure: 1_234_567.89, creditLimit: 1_000_000 } }, language, null),
      alertText({ id: '123456', kind: 'safety-stock', subject: 'A100', details: { available: 12, safetyStock: 50 } }, language, 'Wang Wei'),
      alertText(
        { id: '123456', kind: 'invoice-overdue', subject: 'INV-2026-004512', details: { debtor: 'D1', outstanding: 1_234_567.89, days: 30 } },
        language,
        null,
      ),
    ]),
  ];

  test.each(texts.map((text) => [text]))('%s', (text) => {
    expect(segmentInfo(text).segments).toBe(1);
  });

  test('amounts and dates are written for the reader', () => {
    expect(dunningText({ invoice }, -3, 'en')).toBe('Reminder: invoice INV-2026-004512 for ¥1234567.89 is due on 26 Nov. Thank you for paying on time.');
    expect(dunningText({ invoice }, 7, 'zh')).toBe('发票 INV-2026-004512 尚欠 ¥1234567.89，已于11月26日逾期，请尽快付款或联系我们。');
  });
});

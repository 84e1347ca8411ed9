import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { gsmBasic, segmentInfo, splitForSms } from '../../domain/sms';
import { describeWithTestdata, readTestdata } from '../support/testdata';

interface SegmentCase {
  name: string;
  text: string;
  expected: { encoding: string; segments: number };
}

describeWithTestdata('segment accounting against real-world vectors (shared/testdata/sms_segment_cases.json)', () => {
  const data = readTestdata<{ twilio_message_segment_calculator: { cases: SegmentCase[] }; smsgate_chinese: { cases: SegmentCase[] } }>(
    'sms_segment_cases.json',
  );
  // Twilio's own calculator is the reference: it is what Twilio bills. Cases without an expected encoding test other helpers.
  const cases = [...data.twilio_message_segment_calculator.cases, ...data.smsgate_chinese.cases].filter((c) => c.expected?.encoding);

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(segmentInfo(c.text)).toEqual({ encoding: c.expected.encoding, segments: c.expected.segments });
  });
});

describe('the shortcut for common texts agrees with the calculator', () => {
  const calculated = (text: string) => {
    const message = new SegmentedMessage(text, 'auto');
    return { encoding: message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: message.segmentsCount };
  };
  // Each text from one alphabet: the basic table; the basic table with the extension table's characters
  // (two septets each); or beside them Chinese and an emoji. Many near the 160 and 70 limits.
  const basic = fc.constantFrom(...gsmBasic);
  const extension = fc.constantFrom(...'^{}\\[~]|€');
  const alphabets = [
    basic,
    fc.oneof({ weight: 9, arbitrary: basic }, { weight: 1, arbitrary: extension }),
    fc.oneof(basic, extension, fc.constantFrom('，', '库', '存', '😀')),
  ];
  const texts = fc.oneof(
    ...alphabets.flatMap((character) => [
      fc.array(character, { maxLength: 200 }),
      fc.array(character, { minLength: 150, maxLength: 170 }),
      fc.array(character, { minLength: 60, maxLength: 80 }),
    ]),
  );
  test('on texts of the GSM-7 tables and beside them, up to 200 characters', () => {
    fc.assert(
      fc.property(texts, (characters) => {
        const text = characters.join('');
        expect(segmentInfo(text)).toEqual(calculated(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('splitting long replies', () => {
  test('a reply that fits one segment is one message', () => {
    expect(splitForSms('A100 Rice cooker 3L: 165 pcs available')).toEqual(['A100 Rice cooker 3L: 165 pcs available']);
  });

  test('longer replies split on line boundaries, each part one segment', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Order 10${i}: out for delivery, ETA 11-24 15:0${i % 10}`);
    const parts = splitForSms(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(segmentInfo(part).segments).toBe(1);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  test('Chinese replies split at 70 characters without cutting a number', () => {
    const text = Array.from({ length: 30 }, (_, i) => `订单${1000 + i}已发货`).join(' ');
    const parts = splitForSms(text);
    for (const part of parts) {
      expect(segmentInfo(part)).toEqual({ encoding: 'UCS-2', segments: 1 });
      expect(part).toMatch(/^订单\d{4}/);
    }
    expect(parts.join(' ')).toBe(text);
  });
});

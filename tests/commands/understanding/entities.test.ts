import { candidateCodes, fillSlots, readEntities, type Entities } from '../../../commands/understanding/entities';

/** The demo catalogue's codes: what `knownCodes` answers for them. */
const catalogue = { skus: ['A100', 'B200', 'C300', 'D400', 'E500'], stores: ['S1', 'S2'], warehouses: ['SH', 'GZ'] };
const known = (text: string) => {
  const asked = candidateCodes(text).map((word) => word.toUpperCase());
  const among = (codes: string[]) => codes.filter((code) => asked.includes(code));
  return { skus: among(catalogue.skus), stores: among(catalogue.stores), warehouses: among(catalogue.warehouses) };
};
const read = (text: string) => readEntities(text, known(text), () => '2026-12-01');
const none: Entities = { items: [], numbers: [], date: null, month: null, store: null, warehouse: null, language: null };

describe('entities read from free text', () => {
  test.each<{ label: string; text: string; expect: Partial<Entities>; masked: string }>([
    { label: 'a SKU glued to Chinese', text: 'A100还有货吗', expect: { items: [{ sku: 'A100', qty: null }] }, masked: 'zzsku 还有货吗' },
    {
      label: 'a SKU in any case, spelt as the catalogue spells it',
      text: 'how much is b200 for me',
      expect: { items: [{ sku: 'B200', qty: null }] },
      masked: 'how much is zzsku for me',
    },
    { label: 'full-width letters and digits', text: 'Ｃ３００有现货吗', expect: { items: [{ sku: 'C300', qty: null }] }, masked: 'zzsku 有现货吗' },
    {
      label: 'an unknown code is still a product (the command says "did you mean")',
      text: 'price of A10O',
      expect: { items: [{ sku: 'A10O', qty: null }] },
      masked: 'price of zzsku',
    },
    { label: 'an order number', text: "where's order 1234", expect: { numbers: ['1234'] }, masked: "where's order zznum" },
    { label: 'an order number glued to Chinese', text: '订单1001什么时候到', expect: { numbers: ['1001'] }, masked: '订单 zznum 什么时候到' },
    {
      label: 'quantities after the code',
      text: '下单A100 5，B200 2',
      expect: {
        items: [
          { sku: 'A100', qty: 5 },
          { sku: 'B200', qty: 2 },
        ],
      },
      masked: '下单 zzsku zzqty zzsku zzqty',
    },
    {
      label: 'quantities before the code, with units',
      text: 'I want 5 units of a100 and 3 b200',
      expect: {
        items: [
          { sku: 'A100', qty: 5 },
          { sku: 'B200', qty: 3 },
        ],
      },
      masked: 'I want zzqty units of zzsku and zzqty zzsku',
    },
    {
      label: 'glued quantity forms',
      text: 'A100x5 and B200*2',
      expect: {
        items: [
          { sku: 'A100', qty: 5 },
          { sku: 'B200', qty: 2 },
        ],
      },
      masked: 'zzsku zzqty and zzsku zzqty',
    },
    {
      label: 'Chinese numerals with measure words',
      text: '我要两台A100和十二个C300',
      expect: {
        items: [
          { sku: 'A100', qty: 2 },
          { sku: 'C300', qty: 12 },
        ],
      },
      masked: '我要 zzqty 台 zzsku 和 zzqty 个 zzsku',
    },
    { label: 'a count is never an order number', text: '我要五台', expect: {}, masked: '我要 zzqty 台' },
    { label: '一下 is no quantity', text: '查一下A100', expect: { items: [{ sku: 'A100', qty: null }] }, masked: '查一下 zzsku' },
    { label: 'today, in Chinese', text: '今天卖了C300 3台', expect: { items: [{ sku: 'C300', qty: 3 }], date: '今天' }, masked: 'zzdate 卖了 zzsku zzqty 台' },
    {
      label: '今日 is read as 今天 (SALES reads that)',
      text: '今日战报 A100 5台',
      expect: { items: [{ sku: 'A100', qty: 5 }], date: '今天' },
      masked: 'zzdate 战报 zzsku zzqty 台',
    },
    {
      label: 'yesterday, in English',
      text: 'yesterday I sold 4 c300',
      expect: { items: [{ sku: 'C300', qty: 4 }], date: 'yesterday' },
      masked: 'zzdate I sold zzqty zzsku',
    },
    {
      label: 'a Chinese date becomes MM-DD',
      text: '11月22日卖了5台A100',
      expect: { items: [{ sku: 'A100', qty: 5 }], date: '11-22' },
      masked: 'zzdate 卖了 zzqty 台 zzsku',
    },
    {
      label: 'a numeric date',
      text: 'sold 7 D400 on 22/11',
      expect: { items: [{ sku: 'D400', qty: 7 }], date: '22/11' },
      masked: 'sold zzqty zzsku on zzdate',
    },
    { label: 'a month in Chinese, this year', text: '我的11月工资', expect: { month: '2026-11' }, masked: '我的 zzmonth 工资' },
    { label: 'a month named in English', text: 'pay for december', expect: { month: '2026-12' }, masked: 'pay for zzmonth' },
    { label: 'last month', text: '上个月佣金', expect: { month: '2026-11' }, masked: 'zzmonth 佣金' },
    { label: "this month is PAY's default: no entity", text: 'my pay this month', expect: {}, masked: 'my pay zzmonth' },
    {
      label: '"may" is no month',
      text: 'may I know the price of A100',
      expect: { items: [{ sku: 'A100', qty: null }] },
      masked: 'may I know the price of zzsku',
    },
    { label: 'a store code, any case', text: 'check me in at s1 please', expect: { store: 'S1' }, masked: 'check me in at zzstore please' },
    {
      label: 'a warehouse code in capitals',
      text: 'A100 in GZ?',
      expect: { items: [{ sku: 'A100', qty: null }], warehouse: 'GZ' },
      masked: 'zzsku in zzwarehouse',
    },
    { label: 'a language named', text: '以后用英文回复', expect: { language: 'en' }, masked: '以后用英文回复' },
    { label: 'coordinates are left alone', text: 'I am at 31.2304 121.4737', expect: {}, masked: 'I am at 31.2304 121.4737' },
  ])('$label: $text', ({ text, expect: entities, masked }) => {
    const reading = read(text);
    expect(reading.entities).toEqual({ ...none, ...entities });
    expect(reading.masked).toBe(masked);
  });

  test("a month that has not come yet this year is last year's", () => {
    expect(readEntities('pay for november', known(''), () => '2026-03-01').entities.month).toBe('2025-11');
    expect(readEntities('2月工资', known(''), () => '2026-03-01').entities.month).toBe('2026-02');
  });

  test('only code-like words and capitalised letter codes are asked of the catalogue', () => {
    expect(candidateCodes('how much is a100 in GZ for 5 units, ok?')).toEqual(['a100', 'GZ']);
    expect(candidateCodes('A100x5 下单B200')).toEqual(['A100', 'B200']);
    expect(candidateCodes('hello there')).toEqual([]);
  });

  test('training slots become the placeholders the reader writes; an unknown slot is a corpus error', () => {
    expect(fillSlots('how much for {qty} {sku}?')).toBe('how much for zzqty zzsku ?');
    expect(fillSlots('{sku}还有货吗')).toBe('zzsku 还有货吗');
    expect(() => fillSlots('price of {product}')).toThrow('unknown slot {product}');
  });
});

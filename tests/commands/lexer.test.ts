import { aliasTable } from '../../commands/index';
import { afterKeyword, lex, normalize, parseDayWord, parseItems, resolveDay } from '../../commands/lexer';
import { parseQuantity } from '../../domain/quantities';

/** The lexical rules of commands.md, as tables. */
describe('lexer', () => {
  test.each([
    ['ＳＴＯＣＫ　Ａ１００', 'STOCK A100'],
    ['库存，A100', '库存 A100'],
    ['价格：A100；5。', '价格 A100 5'],
    ['  stock \t  a100  ', 'stock a100'],
    ['订单、1001', '订单 1001'],
  ])('normalize(%j) = %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  test.each([
    ['ＳＴＯＣＫ　Ａ１００', 'stock', ['A100']],
    ['查库存 A100', 'stock', ['A100']],
    ['库存，A100', 'stock', ['A100']],
    ['查库存A100', 'stock', ['A100']],
    ['KC a100 sh', 'stock', ['a100', 'sh']],
    ['/stock A100', 'stock', ['A100']],
    ['/stock@FieldlineBot A100', 'stock', ['A100']],
    ['#price A100 5', 'price', ['A100', '5']],
    ['查价 A100×5', 'price', ['A100×5']],
    ['JG A100', 'price', ['A100']],
    ['dd 1001', 'status', ['1001']],
    ['查订单1001', 'status', ['1001']],
    ['？', 'help', []],
    ['帮助', 'help', []],
    ['语言 英文', 'lang', ['英文']],
    ['TD', 'stop', []],
    ['取消订阅', 'stop', []],
    ['UNSTOP', 'start', []],
    ['YES!', 'yes', []],
    ['STATUS 1001?', 'status', ['1001']],
    // Traditional characters name the same commands.
    ['庫存 A100', 'stock', ['A100']],
    ['訂單1002', 'status', ['1002']],
    ['報修 A100 不能加熱', 'fix', ['A100', '不能加熱']],
    // A glued Chinese keyword: keyword, its codes, and the rest of the sentence apart.
    ['订单1002审批过了吗', 'status', ['1002', '审批过了吗']],
    ['工单88怎么样了', 'ticket', ['88', '怎么样了']],
    ['报修单88处理得怎么样了', 'fix', ['单', '88', '处理得怎么样了']],
    ['签到S1', 'in', ['S1']],
    ['销量昨天A100 5', 'sales', ['昨天', 'A100', '5']],
    // One-character aliases count only as the whole message.
    ['好', 'yes', []],
    ['好!', 'yes', []],
    ['是', 'yes', []],
    ['否', 'no', []],
    ['N', 'no', []],
    ['好的，谢谢', null, ['好的', '谢谢']],
    ['好久不见', null, ['好久不见']],
    ['是的…', null, ['是的']],
    ['否则呢', null, ['否则呢']],
    ['hello there', null, ['hello', 'there']],
    ['stocking up', null, ['stocking', 'up']],
    ['', null, []],
  ])('lex(%j) → %s %j', (input, command, args) => {
    expect(lex(input, aliasTable)).toMatchObject({ command, args });
  });

  test.each([
    [['A100', '5'], [{ sku: 'A100', qty: 5 }]],
    [['A100x5'], [{ sku: 'A100', qty: 5 }]],
    [['A100X5'], [{ sku: 'A100', qty: 5 }]],
    [['A100*5'], [{ sku: 'A100', qty: 5 }]],
    [['A100×5'], [{ sku: 'A100', qty: 5 }]],
    [['A100:5'], [{ sku: 'A100', qty: 5 }]],
    [['A100', '五'], [{ sku: 'A100', qty: 5 }]],
    [['A100', '十二'], [{ sku: 'A100', qty: 12 }]],
    [['A100', '两'], [{ sku: 'A100', qty: 2 }]],
    [['A100x二十'], [{ sku: 'A100', qty: 20 }]],
    [['BOX1x3'], [{ sku: 'BOX1', qty: 3 }]],
    [
      ['A100', '5', 'B200x2'],
      [
        { sku: 'A100', qty: 5 },
        { sku: 'B200', qty: 2 },
      ],
    ],
    [['A100', '5台'], [{ sku: 'A100', qty: 5 }]],
    [['A100', '五个'], [{ sku: 'A100', qty: 5 }]],
    [['A100x3台'], [{ sku: 'A100', qty: 3 }]],
    [
      ['A100', 'B200', '3'],
      [
        { sku: 'A100', qty: null },
        { sku: 'B200', qty: 3 },
      ],
    ],
  ])('parseItems(%j)', (args, expected) => {
    expect(parseItems(args)).toEqual(expected);
  });

  test.each([
    ['7', 7],
    ['一百零五', 105],
    ['0', null],
    ['零', null],
    ['-3', null],
    ['2.5', null],
    ['many', null],
  ])('parseQuantity(%j) = %j', (token, expected) => {
    expect(parseQuantity(token)).toBe(expected);
  });

  // A notice's text is sent as written: the keyword goes, its punctuation and case stay.
  test.each([
    ['NOTICE Shelf check at 9, bring the NEW cards!', 'Shelf check at 9, bring the NEW cards!'],
    ['notice:  Store visit moved.', 'Store visit moved.'],
    ['/notice@FieldlineBot Warehouse closed', 'Warehouse closed'],
    ['ＮＯＴＩＣＥ　Ａ１００ on sale', 'Ａ１００ on sale'],
    ['通知：周五仓库停业，订单顺延。', '周五仓库停业，订单顺延。'],
    ['通知周五仓库停业', '周五仓库停业'],
    ['公告 新品上市', '新品上市'],
  ])('afterKeyword(%j) = %j', (raw, expected) => {
    expect(afterKeyword(raw, ['NOTICE', '通知', '公告'])).toBe(expected);
  });
});

describe('days as people write them', () => {
  test.each([
    ['today', '2026-11-23'],
    ['今天', '2026-11-23'],
    ['yesterday', '2026-11-22'],
    ['昨天', '2026-11-22'],
    ['2026-11-20', '2026-11-20'],
    ['11-20', '2026-11-20'],
    ['20/11', '2026-11-20'],
    ['11-30', '2026-11-30'], // a week ahead at most stays this year (and is refused as future later)
    ['12-31', '2025-12-31'], // further ahead: last year's
    ['02-30', null],
  ])('%s on 2026-11-23 is %s', (token, expected) => {
    const word = parseDayWord(token);
    expect(word && resolveDay(word, '2026-11-23')).toBe(expected);
  });

  test('a word that is no day', () => {
    expect(parseDayWord('A100')).toBeNull();
    expect(parseDayWord('1122')).toBeNull();
  });
});

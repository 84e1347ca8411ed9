import { DateTime } from 'luxon';
import type { KnownCodes } from '../../domain/catalog';
import type { Language } from '../../domain/people';
import { languageWords } from '../lang';
import { hanDigits, hanMeasures, parseQuantity } from '../../domain/quantities';
import { normalize, parseDayWord, parseItems } from '../lexer';

/** What a free text names, read without I/O once the catalogue has said which of its codes it knows. */
export interface Entities {
  /** products named, in order, each with the quantity written next to it (`A100 5`, `5台A100`, `五个 A100`) */
  items: { sku: string; qty: number | null }[];
  /** whole numbers standing alone: an order, ticket or alert number */
  numbers: string[];
  /** a day as SALES reads it (`today`, `昨天`, `11-22`, `22/11`, `2026-11-22`) */
  date: string | null;
  /** a month as PAY reads it (YYYY-MM) */
  month: string | null;
  store: string | null;
  warehouse: string | null;
  /** a language named (`in English`, `用中文`), for LANG */
  language: Language | null;
}

/**
 * The words the classifier sees instead of the entities, so that "how much is B200" and "how much is
 * A100" are one sentence to it. The training corpus writes them as slots: `{sku}`, `{qty}`, …
 */
export const placeholders = {
  sku: 'zzsku',
  qty: 'zzqty',
  num: 'zznum',
  date: 'zzdate',
  month: 'zzmonth',
  store: 'zzstore',
  warehouse: 'zzwarehouse',
} as const;
export type Slot = keyof typeof placeholders;

/**
 * A training utterance with its slots (`how much is {sku}`) written as the classifier will see them,
 * or with other words in them (`values`: example codes, for a sentence as a person would send it).
 */
export const fillSlots = (utterance: string, values: Record<Slot, string> = placeholders): string =>
  utterance
    .replace(/\{(\w+)\}/g, (slot, name: string) => {
      if (!(name in placeholders)) throw new Error(`unknown slot ${slot} in "${utterance}"`);
      return ` ${values[name as Slot]} `;
    })
    .replace(/\s+/g, ' ')
    .trim();

/** All the words that may follow a quantity: Chinese measure words (`5台`, `五个`) and `5 pcs`. */
const measureWords = new RegExp(`^([${hanMeasures}]|pcs?|pieces?|units?|boxes|box|sets?)$`, 'i');
/** Words that may stand between a quantity and the product it counts: `5 units of A100`, `5 x A100`. */
const countJoiners = /^(of|x|×)$/i;
/** Words after which a number counts units: `if I take 20`, `buy 20`, `for 20 of them`. */
const countingVerbs = /^(take|taking|buy|buying|order|ordering|get|getting|want|need|for)$/i;
/** A product, store or warehouse code as people write one: letters then digits (`A100`, `s1`, `A10O`). */
const codeLike = /^[A-Za-z]{1,4}-?\d+[A-Za-z0-9]*$/;
const hanQuantity = new RegExp(`([${hanDigits}]+)(?=[${hanMeasures}])`);
const hanLanguageWords = Object.keys(languageWords).filter((word) => /\p{Script=Han}/u.test(word));

/** The language a word names: a whole Latin word (`english`), or a Chinese one within a word (`用中文回复`). */
const languageOf = (word: string): Language | undefined =>
  languageWords[word.toLowerCase()] ?? languageWords[hanLanguageWords.find((name) => word.includes(name)) ?? ''];

/** The words of a normalised text, Chinese split from Latin letters and digits (`A100还有货吗` → `A100 还有货吗`). */
function words(text: string): string[] {
  return text
    .replace(/(\p{Script=Han})(?=[A-Za-z0-9])|([A-Za-z0-9])(?=\p{Script=Han})/gu, '$1$2 ')
    .split(' ')
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
}

/** The code-like words of a text: what the catalogue is asked about before `readEntities`. */
export function candidateCodes(raw: string): string[] {
  return [
    ...new Set(
      words(calendarMarked(normalize(raw), () => '2000-01-01').text).flatMap((word) => {
        const glued = gluedItem(word);
        // Warehouse codes are letters alone; only those written in capitals are asked about (`A100 in GZ`).
        return glued ? [glued.code] : codeLike.test(word) || /^[A-Z]{2,4}$/.test(word) ? [word] : [];
      }),
    ),
  ];
}

/** A code with its quantity in one word, in the lexer's forms (`A100x5`, `A100*5`, `A100×5`, `A100:五`). */
function gluedItem(word: string): { code: string; qty: number } | null {
  const [item, ...more] = parseItems([word]);
  return item && item.qty !== null && more.length === 0 && codeLike.test(item.sku) ? { code: item.sku, qty: item.qty } : null;
}

type Piece =
  | { kind: 'sku'; sku: string; qty: number | null }
  /** `count`: written with a measure word (`五台`, `5 pcs`), so never an order number; `at`: its word in the masked text */
  | { kind: 'number'; value: string; quantity: boolean; count: boolean; at: number }
  | { kind: 'joiner' }
  | { kind: 'word'; word?: string };

/**
 * Reads a free text's entities and the masked sentence the classifier gets. `known` is what the
 * catalogue said of `candidateCodes(text)`; a code-like word it does not know is still read as a
 * product, so the command can answer "did you mean" rather than the text being misread.
 */
export function readEntities(raw: string, known: KnownCodes, today: () => string): { entities: Entities; masked: string } {
  const { text, month } = calendarMarked(normalize(raw), today);
  const entities: Entities = { items: [], numbers: [], date: null, month, store: null, warehouse: null, language: null };
  const canonical = (codes: string[], word: string) => codes.find((code) => code.toUpperCase() === word.toUpperCase());
  const pieces: Piece[] = [];
  const masked: string[] = [];
  for (const word of words(text)) {
    const glued = gluedItem(word);
    entities.language ??= languageOf(word) ?? null;
    if (word === placeholders.month) masked.push(word);
    else if (glued) {
      pieces.push({ kind: 'sku', sku: canonical(known.skus, glued.code) ?? glued.code, qty: glued.qty });
      masked.push(placeholders.sku, placeholders.qty);
    } else if (canonical(known.stores, word) && !canonical(known.skus, word)) {
      entities.store ??= canonical(known.stores, word)!;
      masked.push(placeholders.store);
    } else if (codeLike.test(word)) {
      pieces.push({ kind: 'sku', sku: canonical(known.skus, word) ?? word, qty: null });
      masked.push(placeholders.sku);
    } else if (canonical(known.warehouses, word)) {
      entities.warehouse ??= canonical(known.warehouses, word)!;
      masked.push(placeholders.warehouse);
    } else if (/[\d/-]/.test(word) && parseDayWord(word)) {
      entities.date ??= word;
      masked.push(placeholders.date);
    } else if (/^\d+$/.test(word)) {
      const previous = pieces[pieces.length - 1];
      pieces.push({
        kind: 'number',
        value: word,
        quantity: false,
        count: previous?.kind === 'word' && countingVerbs.test(previous.word ?? '') && pieces.some((p) => p.kind === 'sku'),
        at: masked.length,
      });
      masked.push(placeholders.num);
    } else if (/\p{Script=Han}/u.test(word)) {
      masked.push(hanWord(word, entities, pieces));
    } else if (/^(today|yesterday)$/i.test(word)) {
      entities.date ??= word.toLowerCase();
      masked.push(placeholders.date);
    } else {
      pieces.push(measureWords.test(word) || countJoiners.test(word) ? { kind: 'joiner' } : { kind: 'word', word });
      masked.push(word);
    }
    const [previous, last] = pieces.slice(-2);
    if (previous?.kind === 'number' && last?.kind === 'joiner' && measureWords.test(word)) previous.count = true;
  }
  attachQuantities(pieces);
  attachCounts(pieces);
  for (const piece of pieces) {
    if (piece.kind === 'sku') entities.items.push({ sku: piece.sku, qty: piece.qty });
    if (piece.kind !== 'number') continue;
    // A number read as a quantity is a quantity to the classifier too.
    if (piece.quantity || piece.count) {
      if (piece.at >= 0) masked[piece.at] = placeholders.qty;
    } else entities.numbers.push(piece.value);
  }
  return { entities, masked: masked.join(' ').replace(/\s+/g, ' ').trim() };
}

/** A Chinese word: a day (`今天`), a quantity with its measure word (`五台`) or a bare measure word; masked where it holds one. */
function hanWord(word: string, entities: Entities, pieces: Piece[]): string {
  let masked = word;
  const day = /今天|今日|昨天|昨日/.exec(word);
  if (day) {
    entities.date ??= day[0].startsWith('今') ? '今天' : '昨天'; // as SALES reads them
    masked = masked.replace(day[0], ` ${placeholders.date} `);
  }
  const quantity = hanQuantity.exec(masked);
  const value = quantity ? parseQuantity(quantity[1]!) : null;
  if (quantity && value !== null) {
    pieces.push({ kind: 'number', value: String(value), quantity: false, count: true, at: -1 }, { kind: 'joiner' });
    return masked.replace(quantity[1]!, ` ${placeholders.qty} `);
  }
  pieces.push(measureWords.test(word) ? { kind: 'joiner' } : { kind: 'word' });
  return masked;
}

/**
 * Gives each product the number written beside it. People write the quantity either after the code
 * (`A100 5`) or before it (`5 A100`, `5台A100`, `5 units of A100`); the first product tells which.
 */
function attachQuantities(pieces: Piece[]): void {
  const firstSku = pieces.findIndex((p) => p.kind === 'sku');
  if (firstSku < 0) return;
  const before = numberBefore(pieces, firstSku) !== null;
  pieces.forEach((piece, i) => {
    if (piece.kind !== 'sku' || piece.qty !== null) return;
    const at = before ? numberBefore(pieces, i) : numberAfter(pieces, i);
    if (at === null) return;
    const number = pieces[at] as Extract<Piece, { kind: 'number' }>;
    piece.qty = parseQuantity(number.value);
    number.quantity = piece.qty !== null;
  });
}

/** A count written apart from its product (`price on b200 if I take 20`) is that product's quantity, when it has none. */
function attachCounts(pieces: Piece[]): void {
  for (const piece of pieces) {
    if (piece.kind !== 'number' || !piece.count || piece.quantity) continue;
    const product = pieces.find((p): p is Extract<Piece, { kind: 'sku' }> => p.kind === 'sku' && p.qty === null);
    if (!product) continue;
    product.qty = parseQuantity(piece.value);
    piece.quantity = product.qty !== null;
  }
}

function numberBefore(pieces: Piece[], at: number): number | null {
  let i = at - 1;
  while (i >= 0 && pieces[i]!.kind === 'joiner') i -= 1;
  const piece = pieces[i];
  return piece?.kind === 'number' && !piece.quantity ? i : null;
}

function numberAfter(pieces: Piece[], at: number): number | null {
  const piece = pieces[at + 1];
  return piece?.kind === 'number' && !piece.quantity ? at + 1 : null;
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthName = /\b(january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i;

/**
 * Rewrites a Chinese date (`11月22日`) as SALES reads one (`11-22`), then finds a month (`2026-11`,
 * `11月`, `上个月`, `last month`, `november`) and marks it. Without a year a month is this year's,
 * or last year's when it has not come yet; "this month" is PAY's default, so it is no entity.
 * ("May" is left out: "may I" is commoner in a text message than the month.) `today` is asked only
 * when a month needs a year: most texts name none, and a date in the sender's zone costs more than reading them.
 */
function calendarMarked(raw: string, today: () => string): { text: string; month: string | null } {
  const text = raw.replace(/(?<!\d)(1[0-2]|0?[1-9])\s?月\s?([12]\d|3[01]|0?[1-9])\s?[日号]/g, ' $1-$2 ');
  const now = () => DateTime.fromISO(today());
  const named = (month: number) => {
    const at = now();
    return (month > at.month ? at.set({ month }).minus({ years: 1 }) : at.set({ month })).toFormat('yyyy-MM');
  };
  const forms: [RegExp, (match: RegExpExecArray) => string | null][] = [
    [/\b(\d{4})-(0[1-9]|1[0-2])\b(?!-)/, (m) => `${m[1]}-${m[2]}`],
    [/(上个?月|\blast month\b)/i, () => now().minus({ months: 1 }).toFormat('yyyy-MM')],
    [/(本月|这个?月|\bthis month\b)/i, () => null],
    [/(?<![\d-])(1[0-2]|0?[1-9])\s?月份?/, (m) => named(Number(m[1]))],
    [monthName, (m) => named(monthNames.findIndex((name) => name.startsWith(m[1]!.toLowerCase().slice(0, 3))) + 1)],
  ];
  for (const [pattern, month] of forms) {
    const match = pattern.exec(text);
    if (match) return { text: text.replace(match[0], ` ${placeholders.month} `), month: month(match) };
  }
  return { text, month: null };
}

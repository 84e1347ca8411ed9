import { DateTime } from 'luxon';
import { Converter } from 'opencc-js/t2cn';
import { hanDigits, hanMeasures, parseQuantity } from '../domain/quantities';
import { fail, ok, type Result } from '../domain/result';
import type { ParseError } from './command';

/**
 * The lexical rules of commands.md, applied before anything else: Chinese punctuation separates,
 * full-width ASCII folds to half-width, white space collapses.
 */
export function normalize(text: string): string {
  return foldWidth(text.replace(/[，、；：。]/g, ' '))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Full-width ASCII (U+FF01–U+FF5E) as half-width, one character for one: `ＳＴＯＣＫ` → `STOCK`. */
const foldWidth = (text: string): string => text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

export const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);

// OpenCC's Hong Kong → mainland table also folds Taiwan's characters: 庫存 → 库存, 訂單 → 订单, 報修 → 报修.
const toSimplified = Converter({ from: 'hk', to: 'cn' });
/** Traditional characters written as Simplified, for matching only: what a person wrote is kept as written. */
export const simplified = (text: string): string => (hasHan(text) ? toSimplified(text) : text);

export interface Lexed {
  /** the canonical command name the keyword or alias stands for; null when the text names none */
  command: string | null;
  /** the keyword or alias as matched (lower case, simplified); null when the text names none */
  word: string | null;
  /** what follows the keyword (a glued Chinese keyword's rest split from its codes: `订单1002审批过了吗` → 1002, 审批过了吗); every word when there is no keyword */
  args: string[];
  /** every word of the message, the keyword's included */
  words: string[];
}

/** Maps every keyword and alias (lower case) to its command name. */
export type AliasTable = ReadonlyMap<string, string>;

/**
 * Splits a message into the command its first word names and the rest. Keywords are
 * case-insensitive, in Simplified or Traditional characters, and may carry a leading `#` or `/` and
 * a Telegram `@BotName`; a Chinese alias may be written without a space before what follows
 * (`查库存A100`, `订单1002审批过了吗`). A one-character alias (好, 是, 否, Y, N, ?) names its command
 * only as the whole message: in `好的，谢谢` or `是的…` it is a word of a sentence. Whether the
 * message *is* that command is for its parser to say (`typedCommand`).
 */
export function lex(raw: string, aliases: AliasTable): Lexed {
  // Closing punctuation is no argument: `YES!`, `STOCK A100.`, `STATUS 1001?`.
  const text = normalize(raw).replace(/(?<=.)[.!?~…]+$/u, '');
  const words = text === '' ? [] : text.split(' ');
  const [first = '', ...rest] = words;
  const bare = simplified(first.replace(/^[#/]/, '').replace(/@\w+$/, ''));
  const command = aliases.get(bare.toLowerCase());
  if (command && ([...bare].length > 1 || rest.length === 0)) return { command, word: bare.toLowerCase(), args: rest, words };
  const glued = hanPrefix(bare, aliases);
  if (glued) return { command: glued.command, word: glued.alias, args: [...scriptRuns(glued.remainder), ...rest], words };
  return { command: null, word: null, args: words, words };
}

/**
 * What follows the keyword, as written: punctuation, case and spacing kept (a notice's text). The
 * keyword is whichever of `names` the message begins with, matched as `lex` matches it.
 */
export function afterKeyword(raw: string, names: readonly string[]): string {
  const text = raw.trim().replace(/^[#/]/, '');
  const folded = simplified(foldWidth(text)).toLowerCase();
  const name = [...names].sort((a, b) => b.length - a.length).find((n) => folded.startsWith(n.toLowerCase()));
  if (!name) return text;
  return text
    .slice(name.length)
    .replace(/^@\w+/, '')
    .replace(/^[\s:：,，、]+/u, '')
    .trim();
}

function hanPrefix(word: string, aliases: AliasTable): { command: string; alias: string; remainder: string } | null {
  let best: { command: string; alias: string; remainder: string } | null = null;
  for (const [alias, command] of aliases) {
    if (!hasHan(alias) || [...alias].length < 2 || !word.startsWith(alias) || word.length === alias.length) continue;
    if (!best || alias.length > best.alias.length) best = { command, alias, remainder: word.slice(alias.length) };
  }
  return best;
}

/** A glued word split where Chinese meets codes and digits: `1002审批过了吗` → 1002, 审批过了吗; `A100×5` stays whole. */
const scriptRuns = (word: string): string[] => word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? [];

/** A product, store or warehouse code as typed: Latin letters and digits, with `-_./` inside (no Chinese, no sentence). */
export const isCode = (token: string): boolean => /^[A-Za-z0-9](?:[A-Za-z0-9_./-]*[A-Za-z0-9])?$/.test(token);
/** An order, ticket or alert number as typed: a code with a digit in it (`1001`, `SO-2026-7`). */
export const isNumberCode = (token: string): boolean => isCode(token) && /\d/.test(token);

const joinedQuantity = new RegExp(`^(.+?)[x×*:]([0-9]+|[${hanDigits}]+)[${hanMeasures}]?$`, 'i');

export interface ItemQuantity {
  sku: string;
  qty: number;
}

/**
 * Reads `sku qty` pairs in every form commands.md lists: `A100 5`, `A100x5`, `A100*5`,
 * `A100×5`, `A100:5`, `A100 五`. A SKU with no quantity after it is returned with qty null.
 */
export function parseItems(args: readonly string[]): { sku: string; qty: number | null }[] {
  const items: { sku: string; qty: number | null }[] = [];
  for (const token of args) {
    const joined = joinedQuantity.exec(token);
    if (joined) {
      items.push({ sku: joined[1]!, qty: parseQuantity(joined[2]!) });
      continue;
    }
    const qty = parseQuantity(token);
    const last = items[items.length - 1];
    if (qty !== null && last && last.qty === null) last.qty = qty;
    else items.push({ sku: token, qty: null });
  }
  return items;
}

/**
 * `sku qty` pairs that all have a quantity, or what is wrong: `A100 0` (the token after the SKU was
 * meant as its quantity) or `A100` at the end with none.
 */
export function completeItems(args: readonly string[]): Result<ItemQuantity[], ParseError> {
  const items = parseItems(args);
  // A product is a code (a word of a sentence is none); a number that is no quantity (`-3`) is said below.
  if (items.some((item) => !isCode(item.sku) && !/^[-+]?\d/.test(item.sku))) return fail({ code: 'USAGE' });
  const missing = items.findIndex((item) => item.qty === null);
  if (missing < 0) return ok(items.map((item) => ({ sku: item.sku, qty: item.qty! })));
  const next = items[missing + 1];
  return next ? fail({ code: 'QTY.INVALID', token: next.sku }) : fail({ code: 'QTY.MISSING', sku: items[missing]!.sku });
}

/** A day as written (commands.md): `today`/`今天`, `yesterday`/`昨天`, `2026-11-22`, `11-22`, `22/11`. */
export type DayWord = { relative: 0 | -1 } | { year: number | null; month: number; day: number };

export function parseDayWord(token: string): DayWord | null {
  const word = token.toLowerCase();
  if (word === 'today' || word === '今天') return { relative: 0 };
  if (word === 'yesterday' || word === '昨天') return { relative: -1 };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const monthDay = /^(\d{1,2})-(\d{1,2})$/.exec(token);
  if (monthDay) return { year: null, month: Number(monthDay[1]), day: Number(monthDay[2]) };
  const dayMonth = /^(\d{1,2})\/(\d{1,2})$/.exec(token);
  if (dayMonth) return { year: null, month: Number(dayMonth[2]), day: Number(dayMonth[1]) };
  return null;
}

/**
 * The ISO date a day word means on the sender's `today`. Without a year it is this year's, or last
 * year's when this year's is more than a week ahead (`12-31` written on 2 January). null: no such date.
 */
export function resolveDay(word: DayWord, today: string): string | null {
  const now = DateTime.fromISO(today);
  if ('relative' in word) return now.plus({ days: word.relative }).toISODate();
  const on = (year: number) => DateTime.fromObject({ year, month: word.month, day: word.day });
  let date = on(word.year ?? now.year);
  if (word.year === null && date.isValid && date.diff(now, 'days').days > 7) date = on(now.year - 1);
  return date.isValid ? date.toISODate() : null;
}

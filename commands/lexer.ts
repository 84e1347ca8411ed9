import Nzh from 'nzh';
import { DateTime } from 'luxon';
import { fail, ok, type Result } from '../domain/result';
import type { ParseError } from './command';

/**
 * The lexical rules of commands.md, applied before anything else: Chinese punctuation separates,
 * full-width ASCII folds to half-width, white space collapses.
 */
export function normalize(text: string): string {
  return text
    .replace(/[，、；：。]/g, ' ')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);

export interface Lexed {
  /** the canonical command name the keyword or alias stands for; null when the text is no command */
  command: string | null;
  /** the keyword or alias as written (lower case); null when the text is no command */
  word: string | null;
  args: string[];
}

/** Maps every keyword and alias (lower case) to its command name. */
export type AliasTable = ReadonlyMap<string, string>;

/**
 * Splits a message into command and arguments. Keywords are case-insensitive and may carry a
 * leading `#` or `/` and a Telegram `@BotName`; a Chinese alias may be written without a space
 * before its argument (`查库存A100`).
 */
export function lex(raw: string, aliases: AliasTable): Lexed {
  const text = normalize(raw);
  const [first = '', ...rest] = text.split(' ');
  const bare = first.replace(/^[#/]/, '').replace(/@\w+$/, '');
  const command = aliases.get(bare.toLowerCase());
  if (command) return { command, word: bare.toLowerCase(), args: rest };
  const glued = hanPrefix(bare, aliases);
  if (glued) return { command: glued.command, word: glued.alias, args: [glued.remainder, ...rest] };
  return { command: null, word: null, args: text === '' ? [] : text.split(' ') };
}

function hanPrefix(word: string, aliases: AliasTable): { command: string; alias: string; remainder: string } | null {
  let best: { command: string; alias: string; remainder: string } | null = null;
  for (const [alias, command] of aliases) {
    if (!hasHan(alias) || !word.startsWith(alias) || word.length === alias.length) continue;
    if (!best || alias.length > best.alias.length) best = { command, alias, remainder: word.slice(alias.length) };
  }
  return best;
}

/** The characters of a Chinese numeral (`十二`, `两`, `一百`). */
export const hanDigits = '零〇一二两三四五六七八九十百千万';
const hanNumeral = new RegExp(`^[${hanDigits}]+$`);
const joinedQuantity = new RegExp(`^(.+?)[x×*:]([0-9]+|[${hanDigits}]+)$`, 'i');

/** A whole positive number written in digits or Chinese numerals (`12`, `十二`, `两`); null otherwise. */
export function parseQuantity(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token) > 0 ? Number(token) : null;
  if (!hanNumeral.test(token)) return null;
  const value = Number(Nzh.cn.decodeS(token.replace(/两/g, '二').replace(/〇/g, '零')));
  return Number.isInteger(value) && value > 0 ? value : null;
}

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

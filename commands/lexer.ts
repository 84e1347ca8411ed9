import Nzh from 'nzh';

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

const hanNumeral = /^[零〇一二两三四五六七八九十百千万]+$/;

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
    const joined = /^(.+?)[x×*:]([0-9]+|[零〇一二两三四五六七八九十百千万]+)$/i.exec(token);
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

import type { AnyCommand } from './command';
import { approve, reject } from './approve';
import { help } from './help';
import { order } from './order';
import { no, yes } from './yes';
import { lang } from './lang';
import { price } from './price';
import { start } from './start';
import { status } from './status';
import { stock } from './stock';
import { stop } from './stop';
import type { AliasTable } from './lexer';

/** The message language: adding a command is one file plus one line here. Order is HELP's order. */
export const commands = { stock, price, status, order, yes, no, approve, reject, lang, stop, start, help } satisfies Record<string, AnyCommand>;
export type CommandName = keyof typeof commands;

export const aliasTable: AliasTable = new Map(
  Object.entries(commands as Record<string, AnyCommand>).flatMap(([name, command]) =>
    [command.keyword, ...command.aliases].map((word) => [word.toLowerCase(), name] as const),
  ),
);

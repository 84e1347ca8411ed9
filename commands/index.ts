import type { AnyCommand } from './command';
import { ack } from './ack';
import { checkInCommand, checkOutCommand } from './checkIn';
import { visit } from './visit';
import { sales } from './sales';
import { shift } from './shift';
import { comp } from './comp';
import { promo } from './promo';
import { pay } from './pay';
import { loc } from './loc';
import { done } from './done';
import { fix } from './fix';
import { ticket } from './ticket';
import { approve, reject } from './approve';
import { help } from './help';
import { order } from './order';
import { no, yes } from './yes';
import { notice } from './notice';
import { balance } from './balance';
import { dispute } from './dispute';
import { rebate } from './rebate';
import { returnCommand } from './return';
import { lang } from './lang';
import { price } from './price';
import { start } from './start';
import { status } from './status';
import { stock } from './stock';
import { stop } from './stop';
import type { AliasTable } from './lexer';

/** The message language: adding a command is one file plus one line here. Order is HELP's order. */
export const commands = {
  stock,
  price,
  status,
  balance,
  rebate,
  dispute,
  order,
  return: returnCommand,
  yes,
  no,
  approve,
  reject,
  notice,
  in: checkInCommand,
  out: checkOutCommand,
  sales,
  shift,
  comp,
  promo,
  pay,
  visit,
  loc,
  done,
  fix,
  ticket,
  ack,
  lang,
  stop,
  start,
  help,
} satisfies Record<string, AnyCommand>;
export type CommandName = keyof typeof commands;

/**
 * Words two commands share, told apart by their arguments: `确认` alone answers a dialog (YES),
 * `确认 12` acknowledges alert 12 (ACK).
 */
export const sharedWords: Record<string, (args: readonly string[]) => CommandName> = {
  确认: (args) => (args.length > 0 ? 'ack' : 'yes'),
};

export const aliasTable: AliasTable = new Map(
  Object.entries(commands as Record<string, AnyCommand>).flatMap(([name, command]) =>
    [command.keyword, ...command.aliases].map((word) => [word.toLowerCase(), name] as const),
  ),
);

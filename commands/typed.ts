import type { AnyCommand, ParseError } from './command';
import { commands, sharedWords, type CommandName } from './index';
import type { Lexed } from './lexer';

/**
 * What a message's first word makes of it: the command as typed, or text that merely begins with a
 * keyword (`订单1002审批过了吗`, `price of A100?`, `stop this process`), which is understood as free
 * text with that keyword as a hint (`keyword`), or text that names no command at all.
 */
export type Typed = { kind: 'command'; command: CommandName; args: string[] } | { kind: 'text'; keyword: CommandName | null };

/**
 * A keyword or alias is the command when the message parses as that command, when it stands alone
 * (its usage is the answer), or when only a quantity in the command's own shape is wrong
 * (`ORDER A100 0`, `ORDER A100`: the command's error says which). Anything else is a sentence.
 */
export function typedCommand(lexed: Lexed): Typed {
  if (!lexed.command || !lexed.word) return { kind: 'text', keyword: null };
  const shared = sharedWords[lexed.word];
  const name = shared ? shared(lexed.args) : (lexed.command as CommandName);
  if (lexed.args.length === 0) return { kind: 'command', command: name, args: [] };
  const parsed = (commands[name] as AnyCommand).parse(lexed.args);
  if (parsed.ok || wrongQuantity(parsed.error)) return { kind: 'command', command: name, args: lexed.args };
  return { kind: 'text', keyword: name };
}

/** A quantity that is no quantity (`A100 0`, `A100 2.5`), or a product code with none after it. */
const wrongQuantity = (error: ParseError): boolean =>
  (error.code === 'QTY.INVALID' && /^[-+]?\d+(?:[.,]\d+)?$/.test(error.token)) || (error.code === 'QTY.MISSING' && /\d/.test(error.sku));

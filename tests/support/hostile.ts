import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { parseLocation } from '../../commands/location';
import { typedCommand } from '../../commands/typed';
import { validateImportDocument } from '../../domain/import';
import { fromTelegramUpdate } from '../../gateway/channels/telegram';

/**
 * Bad input for the parsers at their boundary (issue 17, part 5): each property says what the parser
 * must answer whatever it is given. `npm test` runs a few thousand of each, `npm run test:faults` a million in all.
 */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.constantFrom('', '\u0000', 'ORDER\u0000A100'),
);

/** Texts shaped like what drivers send (numbers, degrees, links, tracker fields), mangled. */
const locationLike = fc.oneof(
  hostileText,
  fc
    .array(
      fc.oneof(
        fc.double({ noNaN: false }).map(String),
        fc.integer().map(String),
        fc.constantFrom('LOC', '°', "'", '"', 'N', 'E', 'S', 'W', ',', ' ', '#', 'geo:', 'https://maps.google.com/?q=', 'lat:', 'long:', '+', '$A#A#', ';u='),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

const telegramUpdate = fc.record({
  update_id: fc.integer(),
  message: fc.option(
    fc.dictionary(
      fc.constantFrom('text', 'chat', 'from', 'contact', 'location', 'photo', 'caption', 'date', 'message_id'),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
    ),
  ),
  edited_message: fc.option(fc.dictionary(fc.constantFrom('location', 'chat', 'from', 'date'), fc.jsonValue({ maxDepth: 3 }))),
  callback_query: fc.option(fc.dictionary(fc.constantFrom('data', 'from', 'message', 'id'), fc.jsonValue({ maxDepth: 3 }))),
});

export const hostileProperties = {
  /** the lexer and the typed-command reader: a command or text, on any text */
  lexer: fc.property(hostileText, (raw) => {
    const typed = typedCommand(lex(raw, aliasTable));
    if (typed.kind !== 'command' && typed.kind !== 'text') throw new Error(`read as ${(typed as { kind: string }).kind}`);
  }),
  /** the location parser: no reading, or one on the globe */
  location: fc.property(locationLike, (raw) => {
    const reading = parseLocation(raw);
    if (reading?.ok && !(Math.abs(reading.fix.lat) <= 90 && Math.abs(reading.fix.lon) <= 180))
      throw new Error(`off the globe: ${reading.fix.lat},${reading.fix.lon}`);
  }),
  /** the import document, on any JSON: refused with errors, or validated */
  importDocument: fc.property(fc.jsonValue({ maxDepth: 6 }), (document) => {
    const { valid, errors } = validateImportDocument(document, 'CN');
    if (!Array.isArray(errors) || typeof valid !== 'object') throw new Error('no verdict');
  }),
  /** a Telegram update, whatever its fields hold: a message, the reason it is ignored, or malformed (a throw would be a 500, retried for ever) */
  telegramUpdate: fc.property(telegramUpdate, (raw) => {
    const result = fromTelegramUpdate(raw as unknown as Update);
    if (!('malformed' in result || 'ignored' in result || typeof result.text === 'string')) throw new Error('no verdict');
  }),
};

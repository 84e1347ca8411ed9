import pino, { type DestinationStream, type Logger } from 'pino';

/** Keys whose values are what people wrote or were sent: logged as their length only. */
const textKeys = new Set(['text', 'body', 'Body', 'caption', 'message_text']);
/** A phone number or a chat id: a run of 7 or more digits, with an optional +. */
const number = /\+?\d{7,}/g;

/** `+8613800000002` → `+86…02`: enough to tell two numbers apart in a log, not to text one. */
export const maskNumbers = (value: string): string =>
  value.replace(number, (digits) => `${digits.slice(0, digits.startsWith('+') ? 3 : 2)}…${digits.slice(-2)}`);

function masked(value: unknown, key: string | null, depth: number): unknown {
  if (typeof value === 'string') return key && textKeys.has(key) ? `[${value.length} chars]` : maskNumbers(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // Errors as pino's serializer would write them (type, message, stack, their own fields), masked.
  if (value instanceof Error) {
    const own = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, k, depth + 1)]));
    return {
      type: value.name,
      message: maskNumbers(value.message),
      stack: maskNumbers(value.stack ?? ''),
      ...own,
      ...(value.cause ? { cause: masked(value.cause, 'cause', depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => masked(item, key, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, k, depth + 1)]));
}

/**
 * The gateway's logger (pino, JSON lines): phone numbers and chat ids are masked and message texts
 * logged as their length, in every field and in error messages and stacks (a provider's error
 * names the number it refused).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { log: (object) => masked(object, null, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message itself (`msg`) is masked too.
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskNumbers(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

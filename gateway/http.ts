import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

/** Errors are JSON `{ error: { code, message, details? } }` with a 4xx for bad input, never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Written on node's response, so that Express's routes and the webhooks served ahead of Express answer alike. */
export function sendError(res: ServerResponse, error: HttpError): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** Any error as its answer: a refusal as itself, a body parser's 4xx as the caller's fault, anything else logged and a 500. */
export function answerError(res: ServerResponse, error: unknown, log: (error: unknown) => void): void {
  if (error instanceof HttpError) return sendError(res, error);
  // body-parser's errors carry a status and a type; a malformed body is the caller's fault.
  const status = (error as { status?: number }).status;
  if (status && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type ?? 'bad_request';
    return sendError(
      res,
      new HttpError(status, type === 'entity.parse.failed' ? 'MALFORMED_BODY' : type.toUpperCase().replace(/\W/g, '_'), (error as Error).message),
    );
  }
  log(error);
  sendError(res, new HttpError(500, 'INTERNAL', 'internal error; it has been logged'));
}

export const errorHandler =
  (log: (error: unknown) => void): ErrorRequestHandler =>
  (error, _req, res, _next) =>
    answerError(res, error, log);

/**
 * A form-encoded body (what providers post to webhooks), read by raw-body as express.urlencoded
 * reads one (413 past `limitBytes`, a 400 for a body cut short), then parsed: UTF-8, `+` as a space,
 * a repeated key as a list. A refused body is drained, so the connection stays usable.
 */
export async function readForm(req: IncomingMessage, limitBytes: number): Promise<Record<string, string | string[]>> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    throw new HttpError(400, 'MALFORMED_BODY', 'expected a form-encoded body');
  }
  let text: string;
  try {
    text = (await getRawBody(req, { limit: limitBytes, length: req.headers['content-length'] })).toString('utf8');
  } catch (error) {
    req.resume();
    throw error;
  }
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const known = form[key];
    form[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return form;
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Wraps an async handler so that a rejection reaches the error handler. */
export const route = (handler: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

/** Validates a request body or query; a bad one is a 400 naming each field. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new HttpError(400, 'BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), parsed.error.issues);
  }
  return parsed.data;
}

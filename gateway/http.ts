import { timingSafeEqual } from 'node:crypto';
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

export function sendError(res: Response, error: HttpError): void {
  res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
}

export const errorHandler =
  (log: (error: unknown) => void): ErrorRequestHandler =>
  (error, _req, res, _next) => {
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
  };

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

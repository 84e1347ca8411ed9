import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { mayDo, sessionExpiry, type Actor, type OperatorStore, type Permission, type SessionPolicy } from '../domain/operators';
import type { Clock } from '../domain/ports';
import { HttpError, sameSecret, sendError } from './http';

/**
 * Who is asking, from authentication only: `Authorization: Bearer` with ADMIN_API_KEY (the
 * bootstrap admin of a fresh install) or a personal API token, or the session cookie of an
 * operator who signed in. A request made with the cookie that changes anything must carry the
 * session's CSRF token in `X-CSRF-Token` (a synchronizer token: another site's form cannot read it).
 */
export const sessionCookie = 'fieldline_session';
export const csrfHeader = 'x-csrf-token';
export const tokenPrefix = 'fl_';

/** sha-256 of a secret, hex: what the database keeps of a session cookie or an API token. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
/** A fresh secret: 32 random bytes, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  operators: OperatorStore;
  adminApiKey: string | null;
  clock: Clock;
  sessions: SessionPolicy;
}

/** The actor of a request that passed `authenticate`. */
export const actorOf = (res: Response): Actor => res.locals.actor as Actor;

export function authenticate(options: AuthOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    identify(req, options).then(
      (actor) => {
        res.locals.actor = actor;
        next();
      },
      (error: unknown) => (error instanceof HttpError ? sendError(res, error) : next(error)),
    );
  };
}

/** The actor of a request, or the 401/403 HttpError that refuses it. */
export async function identify(req: Request, { operators, adminApiKey, clock, sessions }: AuthOptions, form: { csrf?: string } = {}): Promise<Actor> {
  const header = req.get('authorization') ?? '';
  const bearer = header.startsWith('Bearer ') ? header.slice(7).trim() : null;
  const now = clock.now();
  if (bearer) {
    if (adminApiKey && sameSecret(bearer, adminApiKey)) return { kind: 'bootstrap', role: 'admin', operator: null, person: null, token: null };
    const token = bearer.startsWith(tokenPrefix) ? await operators.token(secretHash(bearer), now) : null;
    if (!token) throw new HttpError(401, 'UNAUTHORIZED', 'missing, wrong or revoked bearer token');
    return { kind: 'token', role: token.role, operator: token.operator, person: token.operator.person, token: token.id };
  }
  const secret = parseCookies(req.get('cookie') ?? '')[sessionCookie];
  if (!secret) throw new HttpError(401, 'UNAUTHORIZED', 'sign in first (POST /api/v1/session), or send a bearer token');
  const id = secretHash(secret);
  const session = await operators.session(id, now);
  if (!session) throw new HttpError(401, 'SESSION.EXPIRED', 'the session has ended: sign in again');
  // A console form carries the token in a hidden field instead of the header.
  if (!safeMethods.has(req.method) && !sameSecret(req.get(csrfHeader) ?? form.csrf ?? '', session.csrfToken)) {
    throw new HttpError(403, 'CSRF', `a change made with the session cookie needs the session's ${csrfHeader} header`);
  }
  await operators.touchSession(id, now, sessionExpiry(session.createdAt, now, sessions));
  return {
    kind: 'session',
    role: session.operator.role,
    operator: session.operator,
    person: session.operator.person,
    token: null,
    sessionId: id,
    csrfToken: session.csrfToken,
  };
}

/** The route needs a role with this permission: 403 with the code, and nothing changes. */
export const requires = (permission: Permission) => (_req: Request, res: Response, next: NextFunction) => {
  const actor = actorOf(res);
  if (!mayDo(actor.role, permission))
    return sendError(
      res,
      new HttpError(
        403,
        'FORBIDDEN',
        `a ${actor.role} may not do this: it needs ${permission === 'act' ? 'operator' : permission === 'admin' ? 'admin' : 'viewer'}`,
      ),
    );
  next();
};

/** The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS; its lifetime the session's absolute one. */
export function sessionCookieHeader(secret: string | null, options: { secure: boolean; maxAgeSeconds: number }): string {
  return serializeCookie(sessionCookie, secret ?? '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    maxAge: secret ? options.maxAgeSeconds : 0,
  });
}

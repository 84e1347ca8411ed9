import type { Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { z } from 'zod';
import { mayGrant, normalEmail, operatorRoles, type Actor } from '../domain/operators';
import { actorOf, newSecret, secretHash, sessionCookie, sessionCookieHeader, tokenPrefix } from './auth';
import { HttpError } from './http';
import type { ApiRoutes } from './openapi';
import type { Runtime } from './runtime';

const signInRequest = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }).strict();
const operatorRequest = z
  .object({
    email: z.string().trim().email().max(254),
    password: z.string().min(12, 'at least 12 characters').max(1024),
    role: z.enum(operatorRoles),
    person: z.string().min(1).optional(),
  })
  .strict();
const tokenRequest = z.object({ name: z.string().trim().min(1).max(100), role: z.enum(operatorRoles).optional() }).strict();
const auditQuery = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The address a request came from, as the audit log and the sign-in limits see it. */
export const addressOf = (req: Request): string | null => req.ip ?? null;

export const cookieFor = ({ config }: Runtime, secret: string | null) =>
  sessionCookieHeader(secret, { secure: config.publicUrl.startsWith('https:'), maxAgeSeconds: Math.round(config.sessions.absoluteMs / 1000) });

/**
 * Signs an operator in: the limits per account and address, the password (an unknown account costs
 * and reads the same), a new session (a cookie planted before it opens nothing after), the audit.
 * Answers the session's Set-Cookie header, or throws the refusal. The API and the console's form share it.
 */
export async function signIn(runtime: Runtime, req: Request, input: { email: string; password: string }) {
  const { operators, clock, config } = runtime;
  const email = normalEmail(input.email);
  const address = addressOf(req);
  const audit = (outcome: 'done' | 'refused', code: string | null, operator: string | null) =>
    operators.audit({
      at: clock.now(),
      actorKind: operator ? 'session' : 'anonymous',
      operator,
      token: null,
      address,
      action: 'sign-in',
      subject: email,
      outcome,
      code,
      before: null,
      after: null,
    });
  const wait = await runtime.signInLimits.consume(email, address);
  if (wait) {
    await audit('refused', 'SIGN_IN.TOO_MANY', null);
    throw new HttpError(429, 'SIGN_IN.TOO_MANY', 'too many sign-in attempts: wait and try again', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const account = await operators.forSignIn(email);
  const good = await runtime.passwords.verify(account?.passwordHash ?? null, input.password);
  if (!account || !good) {
    await audit('refused', 'SIGN_IN.FAILED', null);
    throw new HttpError(401, 'SIGN_IN.FAILED', 'wrong email or password');
  }
  await runtime.signInLimits.reset(email);
  const old = parseCookies(req.get('cookie') ?? '')[sessionCookie];
  if (old) await operators.endSession(secretHash(old), clock.now());
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + config.sessions.idleMs);
  await operators.openSession({ id: secretHash(secret), operator: account.operator.id, csrfToken, at: now, expiresAt, address });
  await audit('done', null, account.operator.id);
  return { operator: account.operator, csrfToken, expiresAt, cookie: cookieFor(runtime, secret) };
}

/** Sign-in: the one route that needs no authentication. */
export function signInRoute(api: ApiRoutes, runtime: Runtime): void {
  api.post(
    '/session',
    { summary: 'Signs in: a new session cookie, and its CSRF token', tag: 'operators', access: 'public', body: signInRequest, status: 201 },
    async (req, res, { body }) => {
      try {
        const session = await signIn(runtime, req, body);
        res.set('Set-Cookie', session.cookie).status(201).json({ operator: session.operator, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
      } catch (error) {
        if (error instanceof HttpError && error.status === 429)
          res.set('Retry-After', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
        throw error;
      }
    },
  );
}

/** Who is signed in, sign-out, and sign-out everywhere. */
export function sessionRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { operators, clock } = runtime;

  api.get('/session', { summary: 'Who is signed in, and the CSRF token of the session', tag: 'operators', access: 'signed-in' }, async (_req, res) => {
    const actor = actorOf(res);
    res.json({ actor: describe(actor), csrfToken: actor.kind === 'session' ? actor.csrfToken : null });
  });

  api.delete('/session', { summary: 'Signs out: the session ends', tag: 'operators', access: 'signed-in' }, async (_req, res) => {
    const actor = actorOf(res);
    if (actor.kind !== 'session') throw new HttpError(400, 'NOT_A_SESSION', 'sign-out ends a session; revoke a token at DELETE /api/v1/tokens/:id');
    await operators.endSession(actor.sessionId, clock.now());
    res.set('Set-Cookie', cookieFor(runtime, null)).json({ signedOut: 1 });
  });

  /** Sign out everywhere: every session of the operator ends. */
  api.delete('/sessions', { summary: 'Signs out everywhere: every session of the operator ends', tag: 'operators', access: 'signed-in' }, async (_req, res) => {
    const actor = actorOf(res);
    if (!actor.operator) throw new HttpError(400, 'NO_OPERATOR', 'the bootstrap key has no sessions');
    const ended = await operators.endSessions(actor.operator.id, clock.now());
    res.set('Set-Cookie', cookieFor(runtime, null)).json({ signedOut: ended });
  });
}

/** Operators and their personal API tokens. */
export function operatorRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { operators, clock } = runtime;

  api.get('/operators', { summary: 'The operators', tag: 'operators', access: 'admin' }, async (_req, res) => {
    res.json({ operators: await operators.list() });
  });

  api.post(
    '/operators',
    { summary: 'Adds an operator (argon2id password), optionally linked to a person', tag: 'operators', access: 'admin', body: operatorRequest, status: 201 },
    async (_req, res, { body: input }) => {
      const created = await operators.create(
        { email: normalEmail(input.email), passwordHash: await runtime.passwords.hash(input.password), role: input.role, person: input.person ?? null },
        clock.now(),
      );
      if (created === 'email-taken') throw new HttpError(409, 'OPERATOR.EMAIL_TAKEN', `an operator ${normalEmail(input.email)} exists`);
      if (created === 'unknown-person') throw new HttpError(400, 'PERSON.NOT_FOUND', `no person ${input.person}`);
      audited(res, { subject: created.email, after: { role: created.role, person: created.person } });
      res.status(201).json({ operator: created });
    },
  );

  api.get('/tokens', { summary: 'Your personal API tokens (never the tokens themselves)', tag: 'operators', access: 'read' }, async (_req, res) => {
    res.json({ tokens: await operators.tokens(ownerOf(actorOf(res))) });
  });

  /** A token is shown once, here; the database keeps its hash. */
  api.post(
    '/tokens',
    { summary: 'Makes a personal API token, shown once; its role at most yours', tag: 'operators', access: 'read', body: tokenRequest, status: 201 },
    async (_req, res, { body: input }) => {
      const actor = actorOf(res);
      const role = input.role ?? actor.role;
      if (!mayGrant(actor.role, role)) throw new HttpError(403, 'FORBIDDEN', `a ${actor.role} may not make a ${role} token`);
      const token = `${tokenPrefix}${newSecret()}`;
      const id = await operators.createToken({ operator: ownerOf(actor), name: input.name, hash: secretHash(token), role }, clock.now());
      audited(res, { subject: `token ${id}`, after: { name: input.name, role } });
      res.status(201).json({ id, name: input.name, role, token });
    },
  );

  api.delete('/tokens/:id', { summary: 'Revokes a token (yours; an admin: anyone’s)', tag: 'operators', access: 'read' }, async (req, res) => {
    const actor = actorOf(res);
    const id = String(req.params.id);
    // An admin may revoke anyone's token; others their own.
    if (!(await operators.revokeToken(id, actor.role === 'admin' ? null : ownerOf(actor), clock.now())))
      throw new HttpError(404, 'NOT_FOUND', `no open token ${id} of yours`);
    audited(res, { subject: `token ${id}`, before: { revoked: false }, after: { revoked: true } });
    res.json({ id, revoked: true });
  });

  api.get(
    '/audit',
    { summary: 'The audit log: every write by an operator or a token, and refused sign-ins', tag: 'operators', access: 'admin', query: auditQuery },
    async (_req, res, { query }) => {
      res.json({ entries: await operators.auditLog({ from: new Date(query.from), to: new Date(query.to), limit: query.limit }) });
    },
  );
}

function ownerOf(actor: Actor): string {
  if (!actor.operator) throw new HttpError(400, 'NO_OPERATOR', 'the bootstrap key belongs to no operator: sign in as one');
  return actor.operator.id;
}

/** What the audit log records of a write, beyond who and when: set by the route, written by auditWrites. */
export function audited(
  res: Response,
  change: { subject?: string | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null },
): void {
  res.locals.audit = { ...(res.locals.audit ?? {}), ...change };
}

/** An actor as the API shows it. */
const describe = (actor: Actor) => ({ kind: actor.kind, role: actor.role, operator: actor.operator, person: actor.person });

/**
 * Records every write an actor made (who, from where, what the route set with `audited`). The row is
 * written before the response leaves: a client that has its answer finds its audit row. Reads and
 * refused requests are not recorded; a refused sign-in is, by the sign-in route.
 */
export function auditWrites(runtime: Runtime) {
  return (req: Request, res: Response, next: () => void) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      // A refused request (no authority, a bad body, a business refusal) wrote nothing: it is not recorded.
      const done = res.statusCode < 400 ? record(runtime, req, res) : Promise.resolve();
      done.catch((error: unknown) => runtime.logger.error({ err: error }, 'writing the audit log failed')).finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}

function record(runtime: Runtime, req: Request, res: Response): Promise<void> {
  return recordWrite(runtime, req, res.locals.actor as Actor | undefined, (res.locals.audit ?? {}) as AuditedChange);
}

type AuditedChange = { subject?: string | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };

/** One write in the audit log: the actor, the address, the route, and what changed. The API's writes and the console's forms share it. */
export function recordWrite(runtime: Runtime, req: Request, actor: Actor | undefined, change: AuditedChange): Promise<void> {
  return runtime.operators.audit({
    at: runtime.clock.now(),
    actorKind: actor?.kind ?? 'anonymous',
    operator: actor?.operator?.id ?? null,
    token: actor?.token ?? null,
    address: addressOf(req),
    action: `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`,
    subject: change.subject ?? (Object.values(req.params ?? {}).join('/') || null),
    outcome: 'done',
    code: null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

import { ManualClock, callWith, countRows, signInAs, signedInOperator, startTestGateway, type TestGateway } from '../support/gateway';

/** Operators who sign in: roles, sessions, CSRF, personal tokens, the audit log (demo network, real PostgreSQL and Redis). */
describe('operators sign in and act within their authority', () => {
  let gateway: TestGateway;
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  type Caller = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<{ status: number; json: any }>;
  const callers: Record<string, Caller> = {};
  let viewerToken = '';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock, env: { SIGN_IN_ATTEMPTS_PER_ACCOUNT: '3' } });
    for (const role of ['viewer', 'operator', 'admin'] as const) callers[role] = (await signedInOperator(gateway, { email: `${role}@example.com`, role })).call;
    const linked = await signedInOperator(gateway, { email: 'mia@example.com', role: 'operator', person: 'Mei' });
    callers['operator linked to Mei'] = linked.call;
    callers['no session'] = (method, path, body) => callWith(gateway, method, path, body, {});
    callers['bad CSRF token'] = (method, path, body) => callWith(gateway, method, path, body, { cookie: linked.cookie, 'x-csrf-token': 'forged' });
    const made = await callers.admin!('POST', '/api/v1/tokens', { name: 'revoked one' });
    await callers.admin!('DELETE', `/api/v1/tokens/${made.json.id}`);
    callers['revoked token'] = (method, path, body) => callWith(gateway, method, path, body, { authorization: `Bearer ${made.json.token}` });
    viewerToken = (await callers.viewer!('POST', '/api/v1/tokens', { name: 'read-only script' })).json.token;
    callers['viewer token'] = (method, path, body) => callWith(gateway, method, path, body, { authorization: `Bearer ${viewerToken}` });
  });
  afterAll(() => gateway.stop());

  /** Each write route with the row it changes: status per actor, and whether the row changed. */
  const writes: {
    route: string;
    call: (caller: Caller, n: number) => Promise<{ status: number }>;
    rows: () => Promise<number>;
    needs: 'viewer' | 'operator' | 'admin';
  }[] = [
    {
      route: 'POST /people/:id/link-code',
      needs: 'operator',
      call: (c) => c('POST', '/api/v1/people/Dave/link-code'),
      rows: () => countRows(gateway.runtime, 'select 1 from link_codes'),
    },
    {
      route: 'POST /import',
      needs: 'admin',
      call: (c, n) => c('POST', '/api/v1/import', { stores: [{ code: `T${n}`, name: `Table store ${n}` }] }),
      rows: () => countRows(gateway.runtime, `select 1 from stores where code like 'T%'`),
    },
    {
      route: 'POST /operators',
      needs: 'admin',
      call: (c, n) => c('POST', '/api/v1/operators', { email: `new${n}@example.com`, password: 'a long enough password', role: 'viewer' }),
      rows: () => countRows(gateway.runtime, 'select 1 from operators'),
    },
    {
      route: 'POST /jobs/:name/run',
      needs: 'admin',
      call: (c) => c('POST', '/api/v1/jobs/birthdays/run', {}),
      rows: () => countRows(gateway.runtime, `select 1 from audit_log where action = 'POST /api/v1/jobs/:name/run'`),
    },
    {
      route: 'POST /orders/:number/status',
      needs: 'operator',
      // The first actor allowed cancels 2001; the next ones are refused by the order's lifecycle (409), not by authority.
      call: (c) => c('POST', '/api/v1/orders/2001/status', { status: 'cancelled' }),
      rows: () => countRows(gateway.runtime, `select 1 from orders where number = '2001' and status = 'cancelled'`),
    },
    {
      route: 'POST /sell-out/:id/accept',
      needs: 'operator',
      call: (c) => c('POST', '/api/v1/sell-out/1/accept', {}),
      rows: () => countRows(gateway.runtime, 'select 1 from sell_out_reports where accepted_at is not null'),
    },
    {
      route: 'POST /tickets/:number/status',
      needs: 'operator',
      call: (c) => c('POST', '/api/v1/tickets/88/status', { status: 'cancelled' }),
      rows: () => countRows(gateway.runtime, `select 1 from tickets where status = 'cancelled'`),
    },
    {
      route: 'POST /tokens',
      needs: 'viewer',
      call: (c, n) => c('POST', '/api/v1/tokens', { name: `table ${n}`, role: 'viewer' }),
      rows: () => countRows(gateway.runtime, 'select 1 from api_tokens'),
    },
    {
      route: 'DELETE /tokens/:id',
      needs: 'viewer',
      // Someone else's token (the admin's): only an admin may revoke it; the others find no token of theirs (404).
      call: async (c, n) => {
        const admin = (await gateway.runtime.operators.list()).find((o) => o.email === 'admin@example.com')!;
        return c(
          'DELETE',
          `/api/v1/tokens/${await gateway.runtime.operators.createToken({ operator: admin.id, name: `victim ${n}`, hash: `h${n}`, role: 'viewer' }, new Date())}`,
        );
      },
      rows: () => countRows(gateway.runtime, 'select 1 from api_tokens where revoked_at is not null'),
    },
    {
      route: 'POST /simulate',
      needs: 'operator',
      call: (c) => c('POST', '/api/v1/simulate', { from: '+8613800000001', text: 'STOCK A100' }),
      rows: () => countRows(gateway.runtime, 'select 1 from inbox'),
    },
  ];
  const actors: [string, 'viewer' | 'operator' | 'admin' | null, number | null][] = [
    // label, the role it acts with (null: none), the status when refused
    ['viewer', 'viewer', 403],
    ['viewer token', 'viewer', 403],
    ['operator', 'operator', 403],
    ['operator linked to Mei', 'operator', 403],
    ['admin', 'admin', null],
    ['no session', null, 401],
    ['bad CSRF token', null, 403],
    ['revoked token', null, 401],
  ];
  const rank = { viewer: 0, operator: 1, admin: 2 };
  let n = 0;

  test.each(writes.flatMap((write) => actors.map(([label, role, refused]) => [write.route, label, write, role, refused] as const)))(
    '%s by %s',
    async (_route, label, write, role, refused) => {
      const allowed = role !== null && rank[role] >= rank[write.needs];
      const before = await write.rows();
      const auditedBefore = await countRows(gateway.runtime, 'select 1 from audit_log');
      const response = await write.call(callers[label]!, (n += 1));
      const audited = await countRows(gateway.runtime, 'select 1 from audit_log');
      if (allowed) {
        // Authority passed: done (the row changed and is audited), or refused by the business rules (nothing changed).
        expect([401, 403]).not.toContain(response.status);
        const done = response.status < 300;
        expect(await write.rows()).toBe(before + (done ? 1 : 0));
        expect(audited).toBe(auditedBefore + (done ? 1 : 0));
      } else {
        expect(audited).toBe(auditedBefore);
        // Refused: nothing changed, and nothing is recorded (only sign-in refusals are).
        expect(response.status).toBe(refused);
        expect(await write.rows()).toBe(before);
      }
    },
  );

  test('a wrong password and an unknown account answer alike; the account is locked after the limit; the refusals are audited', async () => {
    const wrong = await signInAs(gateway, 'viewer@example.com', 'not the password');
    const unknown = await signInAs(gateway, 'nobody@example.com', 'not the password');
    expect([wrong.status, wrong.json]).toEqual([401, { error: { code: 'SIGN_IN.FAILED', message: 'wrong email or password' } }]);
    expect([unknown.status, unknown.json]).toEqual([wrong.status, wrong.json]);
    await signInAs(gateway, 'viewer@example.com', 'not the password');
    await signInAs(gateway, 'viewer@example.com', 'not the password');
    // The limit (3 here) counts the account whatever the password: the right one waits too.
    const locked = await signInAs(gateway, 'viewer@example.com', 'correct horse battery staple');
    expect(locked.status).toBe(429);
    const refusals = await gateway.runtime.sql.query<{ subject: string; code: string }>(
      `select subject, code from audit_log where action = 'sign-in' and outcome = 'refused' order by id`,
    );
    expect(refusals.map((r) => `${r.subject} ${r.code}`)).toEqual([
      'viewer@example.com SIGN_IN.FAILED',
      'nobody@example.com SIGN_IN.FAILED',
      'viewer@example.com SIGN_IN.FAILED',
      'viewer@example.com SIGN_IN.FAILED',
      'viewer@example.com SIGN_IN.TOO_MANY',
    ]);
  });

  test('the session cookie is HttpOnly, SameSite=Lax, Secure behind HTTPS; a new sign-in is a new session; sign-out ends it', async () => {
    const operator = await signedInOperator(gateway, { email: 'olga@example.com', role: 'operator' });
    const again = await signInAs(gateway, 'olga@example.com', 'correct horse battery staple', { cookie: operator.cookie });
    expect(again.setCookie).toMatch(/^fieldline_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(again.cookie).not.toBe(operator.cookie);
    // The cookie from before the second sign-in opens nothing now (rotation).
    expect((await operator.call('GET', '/api/v1/session')).json).toMatchObject({ error: { code: 'SESSION.EXPIRED' } });
    const current = (method: 'GET' | 'DELETE', headers: Record<string, string> = {}) =>
      callWith(gateway, method, '/api/v1/session', undefined, { cookie: again.cookie!, ...headers });
    expect((await current('GET')).json).toMatchObject({ actor: { kind: 'session', role: 'operator', operator: { email: 'olga@example.com' } } });
    expect((await current('DELETE')).status).toBe(403); // a sign-out is a change: it needs the CSRF token
    expect((await current('DELETE', { 'x-csrf-token': again.json.csrfToken })).status).toBe(200);
    expect((await current('GET')).status).toBe(401);
  });

  test('a session idle past its limit, or past its absolute end, is over', async () => {
    const operator = await signedInOperator(gateway, { email: 'ida@example.com', role: 'viewer' });
    clock.set('2026-11-23T02:25:00Z');
    expect((await operator.call('GET', '/api/v1/session')).status).toBe(200); // used at 25 min: good for 30 more
    clock.set('2026-11-23T02:50:00Z');
    expect((await operator.call('GET', '/api/v1/session')).status).toBe(200);
    clock.set('2026-11-23T03:21:00Z');
    expect((await operator.call('GET', '/api/v1/session')).json).toMatchObject({ error: { code: 'SESSION.EXPIRED' } });
    // Kept busy every 20 minutes, a session still ends 12 hours (SESSION_MAX_HOURS) after sign-in.
    clock.set('2026-11-23T02:00:00Z');
    const busy = await signInAs(gateway, 'ida@example.com', 'correct horse battery staple');
    const use = () => callWith(gateway, 'GET', '/api/v1/session', undefined, { cookie: busy.cookie! });
    let minutes = 0;
    for (; minutes <= 12 * 60; minutes += 20) {
      clock.set(new Date(Date.parse('2026-11-23T02:00:00Z') + minutes * 60_000));
      if ((await use()).status !== 200) break;
    }
    expect(minutes).toBe(12 * 60);
    clock.set('2026-11-23T02:00:00Z');
  });

  test('sign-out everywhere ends every session of the operator', async () => {
    const first = await signedInOperator(gateway, { email: 'eve@example.com', role: 'viewer' });
    const second = await signInAs(gateway, 'eve@example.com', 'correct horse battery staple');
    expect((await first.call('DELETE', '/api/v1/sessions')).json).toEqual({ signedOut: 2 });
    expect((await callWith(gateway, 'GET', '/api/v1/session', undefined, { cookie: second.cookie! })).status).toBe(401);
  });

  test('a token is shown once, stored hashed, carries at most its maker’s role, and reads within it', async () => {
    const listed = (await callers.viewer!('GET', '/api/v1/tokens')).json.tokens;
    expect(listed).toContainEqual(expect.objectContaining({ name: 'read-only script', role: 'viewer', revokedAt: null }));
    expect(listed.every((token: { role: string }) => token.role === 'viewer')).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(viewerToken);
    expect(await countRows(gateway.runtime, `select 1 from api_tokens where token_hash = '${viewerToken}'`)).toBe(0);
    expect((await callers.viewer!('POST', '/api/v1/tokens', { name: 'more', role: 'admin' })).status).toBe(403);
    expect((await callers['viewer token']!('GET', '/api/v1/vehicles')).status).toBe(200);
  });

  test('every write by an operator or a token is audited with the authenticated actor and what changed', async () => {
    const since = new Date().toISOString();
    const mia = callers['operator linked to Mei']!;
    expect((await mia('POST', '/api/v1/orders/1002/status', { status: 'shipped', driver: 'Dan' })).status).toBe(200);
    const [entry] = await gateway.runtime.sql.query<{
      actor_kind: string;
      email: string;
      action: string;
      subject: string;
      outcome: string;
      before: unknown;
      after: unknown;
    }>(
      `select a.actor_kind, o.email, a.action, a.subject, a.outcome, a.before, a.after from audit_log a join operators o on o.id = a.operator
        where a.action like 'POST /api/v1/orders%' order by a.id desc limit 1`,
    );
    expect(entry).toEqual({
      actor_kind: 'session',
      email: 'mia@example.com',
      action: 'POST /api/v1/orders/:number/status',
      subject: 'order 1002',
      outcome: 'done',
      before: { status: 'approved' },
      after: { status: 'shipped', driver: 'Dan' },
    });
    const log = await callers.admin!(
      'GET',
      `/api/v1/audit?from=${encodeURIComponent(since.replace(/\d{2}:\d{2}\.\d+Z$/, '00:00.000Z'))}&to=2100-01-01T00:00:00Z`,
    );
    expect(log.status).toBe(200);
    expect((await callers.operator!('GET', '/api/v1/audit?from=2026-01-01T00:00:00Z&to=2100-01-01T00:00:00Z')).status).toBe(403);
  });

  test('every response carries the security headers', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

import { join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { DateTime } from 'luxon';
import { listMessages } from '../../adapters/db/messageLog';
import { issueLinkCode } from '../../domain/linking';
import { mayDo, type Actor } from '../../domain/operators';
import { identify, sessionCookie } from '../auth';
import { HttpError, route } from '../http';
import { cookieFor, recordWrite, signIn } from '../operatorApi';
import type { Runtime } from '../runtime';
import { ConversationPage, ConversationsPage, HomePage, PeoplePage, PersonPage, RefusedPage, SignInPage, type SignedIn } from './pages';
import { pageLanguage, words } from './words';

const languageCookie = 'fieldline_lang';

/** The console under /console: pages rendered on the server, every asset served from here. */
export function consoleRoutes(runtime: Runtime): Router {
  const router = Router();
  const auth = { operators: runtime.operators, adminApiKey: null, clock: runtime.clock, sessions: runtime.config.sessions };
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));

  router.get('/assets/htmx.min.js', (_req, res) => res.sendFile(require.resolve('htmx.org/dist/htmx.min.js'), { maxAge: '1d' }));
  router.get('/assets/console.css', (_req, res) => res.sendFile(join(__dirname, 'console.css'), { maxAge: '1h' }));

  const languageOf = (req: Request) => pageLanguage(parseCookies(req.get('cookie') ?? '')[languageCookie], req.get('accept-language'));
  const page = (res: Response, html: unknown, status = 200) =>
    res
      .status(status)
      .type('html')
      .send(`<!doctype html>${String(html)}`);
  /** The operator signed in with the session cookie, or null (a page then goes to sign-in). */
  const signedIn = async (req: Request, form: { csrf?: string } = {}): Promise<Extract<Actor, { kind: 'session' }> | null> => {
    if (!parseCookies(req.get('cookie') ?? '')[sessionCookie]) return null;
    const actor = await identify(req, auth, form).catch((error: unknown) => {
      if (error instanceof HttpError && error.status === 401) return null;
      throw error;
    });
    return actor?.kind === 'session' ? actor : null;
  };

  router.get('/sign-in', (req, res) => void page(res, <SignInPage language={languageOf(req)} error={null} email="" />));

  router.post(
    '/sign-in',
    route(async (req, res) => {
      const email = String(req.body?.email ?? '');
      try {
        const session = await signIn(runtime, req, { email, password: String(req.body?.password ?? '') });
        res.set('Set-Cookie', session.cookie).redirect(303, '/console');
      } catch (error) {
        if (!(error instanceof HttpError) || (error.status !== 401 && error.status !== 429)) throw error;
        page(res, <SignInPage language={languageOf(req)} error={error.status === 429 ? 'too-many' : 'failed'} email={email} />, error.status);
      }
    }),
  );

  router.post('/language', (req, res) => {
    const language = req.body?.language === 'zh' ? 'zh' : 'en';
    res.set('Set-Cookie', serializeCookie(languageCookie, language, { path: '/console', sameSite: 'lax', maxAge: 365 * 24 * 3600 }));
    const back = req.get('referer');
    res.redirect(
      303,
      back && new URL(back, runtime.config.publicUrl).pathname.startsWith('/console') ? new URL(back, runtime.config.publicUrl).pathname : '/console',
    );
  });

  router.get(
    '/',
    route(async (req, res) => {
      const actor = await signedIn(req);
      if (!actor) return res.redirect(303, '/console/sign-in');
      page(res, <HomePage language={languageOf(req)} actor={actor} />);
    }),
  );

  /** A signed-in page: the operator, or a redirect to sign-in. */
  const pageFor = (render: (req: Request, res: Response, actor: SignedIn) => Promise<unknown>) =>
    route(async (req, res) => {
      const actor = await signedIn(req);
      if (!actor) return res.redirect(303, '/console/sign-in');
      await render(req, res, actor);
    });

  router.get(
    '/conversations',
    pageFor(async (req, res, actor) => {
      const text = (name: string, pattern: RegExp) => {
        const value = String(req.query[name] ?? '').trim();
        return pattern.test(value) ? value : '';
      };
      const filter = {
        q: String(req.query.q ?? '')
          .trim()
          .slice(0, 100),
        channel: text('channel', /^(sms|telegram)$/),
        status: text('status', /^[a-z_]{1,20}$/),
        kind: text('kind', /^[a-z-]{1,20}$/),
        from: text('from', /^\d{4}-\d{2}-\d{2}$/),
        to: text('to', /^\d{4}-\d{2}-\d{2}$/),
      };
      const zone = runtime.config.defaultTimezone;
      const conversations = await runtime.reads.conversations({
        search: filter.q || null,
        channel: (filter.channel || null) as 'sms' | 'telegram' | null,
        status: filter.status || null,
        kind: filter.kind || null,
        from: filter.from || null,
        to: filter.to || null,
        zone,
        limit: 200,
      });
      page(res, <ConversationsPage language={languageOf(req)} actor={actor} filter={filter} conversations={conversations} zone={zone} />);
    }),
  );

  router.get(
    '/conversations/:peer',
    pageFor(async (req, res, actor) => {
      const peer = String(req.params.peer);
      const person = await runtime.store.people.byAddress(peer.startsWith('tg:') ? 'telegram' : 'sms', peer);
      const messages = await listMessages(runtime.sql, { peer, status: null, limit: 200 });
      page(
        res,
        <ConversationPage
          language={languageOf(req)}
          actor={actor}
          peer={peer}
          person={person ? { id: person.id, name: person.name } : null}
          messages={messages}
          zone={runtime.config.defaultTimezone}
        />,
      );
    }),
  );

  router.get(
    '/people',
    pageFor(async (req, res, actor) => {
      const search = String(req.query.q ?? '')
        .trim()
        .slice(0, 100);
      page(res, <PeoplePage language={languageOf(req)} actor={actor} search={search} people={await runtime.reads.people(search || null, 200)} />);
    }),
  );

  const personPage = async (req: Request, res: Response, actor: SignedIn, linkCode: { code: string; expiresAt: Date } | null) => {
    const language = languageOf(req);
    const person = await runtime.reads.person(String(req.params.id));
    if (!person) return page(res, <RefusedPage language={language} actor={actor} message={words[language].notFound} />, 404);
    const peers = [person.phone, person.telegramId ? `tg:${person.telegramId}` : null].filter((peer): peer is string => peer !== null);
    const messages = (await Promise.all(peers.map((peer) => listMessages(runtime.sql, { peer, status: null, limit: 20 }))))
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 20);
    const until = linkCode ? DateTime.fromJSDate(linkCode.expiresAt, { zone: runtime.config.defaultTimezone }).toFormat('yyyy-MM-dd HH:mm') : '';
    page(
      res,
      <PersonPage
        language={language}
        actor={actor}
        person={person}
        messages={messages}
        mayAct={mayDo(actor.role, 'act')}
        linkCode={linkCode ? { code: linkCode.code, until } : null}
        zone={runtime.config.defaultTimezone}
      />,
      linkCode ? 201 : 200,
    );
  };

  router.get(
    '/people/:id',
    pageFor((req, res, actor) => personPage(req, res, actor, null)),
  );

  /** An operator makes a link code on the person's page; a viewer may not (403), and nothing is made. */
  router.post(
    '/people/:id/link-code',
    route(async (req, res) => {
      const actor = await signedIn(req, { csrf: String(req.body?.csrf ?? '') }).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 403) return 'forged' as const;
        throw error;
      });
      // A forged form (no session's CSRF token) changes nothing: back to the page.
      if (actor === 'forged') return res.redirect(303, `/console/people/${encodeURIComponent(String(req.params.id))}`);
      if (!actor) return res.redirect(303, '/console/sign-in');
      if (!mayDo(actor.role, 'act')) return page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].forbidden} />, 403);
      const personId = String(req.params.id);
      const issued = await issueLinkCode(runtime.store, personId, runtime.clock.now());
      if (!issued.ok) return page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].notFound} />, 404);
      await recordWrite(runtime, req, actor, { subject: `person ${personId}`, after: { linkCodeExpiresAt: issued.value.expiresAt.toISOString() } });
      await personPage(req, res, actor, issued.value);
    }),
  );

  router.post(
    '/sign-out',
    route(async (req, res) => {
      const actor = await signedIn(req, { csrf: String(req.body?.csrf ?? '') }).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 403) return null; // a forged sign-out changes nothing
        throw error;
      });
      if (actor) await runtime.operators.endSession(actor.sessionId, runtime.clock.now());
      res.set('Set-Cookie', cookieFor(runtime, null)).redirect(303, '/console/sign-in');
    }),
  );
  return router;
}

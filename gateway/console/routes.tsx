import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { serialize as serializeCookie } from 'cookie';
import { HttpError, route } from '../http';
import { cookieFor, signIn } from '../operatorApi';
import type { Runtime } from '../runtime';
import { alertRoutes } from './alertRoutes';
import { approvalRoutes } from './approvalRoutes';
import { outboxRoutes } from './outboxRoutes';
import { attentionRoutes } from './attentionRoutes';
import { broadcastRoutes } from './broadcastRoutes';
import { conversationRoutes } from './conversationRoutes';
import { fieldRoutes } from './fieldRoutes';
import { figureRoutes } from './figureRoutes';
import { importRoutes } from './importRoutes';
import { consoleKit, languageCookie } from './kit';
import { HomePage, SignInPage } from './layout';
import { liveRoutes } from './liveRoutes';
import { peopleRoutes } from './peopleRoutes';
import { queueRoutes } from './queueRoutes';
import { simulatorRoutes } from './simulatorRoutes';
import { ticketRoutes } from './ticketRoutes';
import { vehicleRoutes } from './vehicleRoutes';

/** The console under /console: pages rendered on the server, every asset served from here; each view's routes in a file of its own. */
export function consoleRoutes(runtime: Runtime): Router {
  const router = Router();
  const kit = consoleKit(runtime);
  const { languageOf, page } = kit;
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));

  router.get('/assets/htmx.min.js', (_req, res) => res.sendFile(require.resolve('htmx.org/dist/htmx.min.js'), { maxAge: '1d' }));
  router.get('/assets/console.css', (_req, res) => res.sendFile(join(__dirname, 'console.css'), { maxAge: '1h' }));
  router.get('/assets/live.js', (_req, res) => res.sendFile(join(__dirname, 'live.js'), { maxAge: '1h' }));
  router.get('/assets/charts.js', (_req, res) => res.sendFile(join(__dirname, 'charts.js'), { maxAge: '1h' }));
  // chart.js's exports name no file: its UMD build is found beside its entry point.
  router.get('/assets/chart.umd.min.js', (_req, res) => res.sendFile(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), { maxAge: '1d' }));

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
    const path = back ? new URL(back, runtime.config.publicUrl) : null;
    res.redirect(303, path && path.pathname.startsWith('/console') ? `${path.pathname}${path.search}` : '/console');
  });

  router.get(
    '/',
    kit.pageFor(async (req, res, actor) => page(res, <HomePage language={languageOf(req)} actor={actor} />)),
  );

  router.use(peopleRoutes(kit));
  router.use(conversationRoutes(kit));
  router.use(attentionRoutes(kit));
  router.use(approvalRoutes(kit));
  router.use(alertRoutes(kit));
  router.use(outboxRoutes(kit));
  router.use(ticketRoutes(kit));
  router.use(vehicleRoutes(kit));
  router.use(fieldRoutes(kit));
  router.use(figureRoutes(kit));
  router.use(broadcastRoutes(kit));
  router.use(queueRoutes(kit));
  router.use(importRoutes(kit));
  router.use(simulatorRoutes(kit));
  router.use(liveRoutes(kit));

  router.post(
    '/sign-out',
    route(async (req, res) => {
      const actor = await kit.signedIn(req, { csrf: String(req.body?.csrf ?? '') }).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 403) return null; // a forged sign-out changes nothing
        throw error;
      });
      if (actor) await runtime.operators.endSession(actor.sessionId, runtime.clock.now());
      res.set('Set-Cookie', cookieFor(runtime, null)).redirect(303, '/console/sign-in');
    }),
  );
  return router;
}

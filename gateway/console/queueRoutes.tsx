import { Router, type NextFunction, type Request, type Response } from 'express';
import type { ExpressAdapter } from '@bull-board/express';
import { mayDo } from '../../domain/operators';
import type { Runtime } from '../runtime';
import type { Kit } from './kit';
import { RefusedPage } from './layout';
import { words } from './words';

export const queuesPath = '/console/queues';
/** bull-board's page asks Google for its fonts: our users' networks reach no such thing, and the system's fonts do. */
const externalFonts = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;

/**
 * bull-board, made when an admin first opens the queues: about 10 MB of heap (its UI server and
 * templates) that a process nobody opens it on never loads.
 */
function bullBoard(runtime: Runtime): ExpressAdapter {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use */
  const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
  const { BullMQAdapter } = require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
  const { ExpressAdapter: Adapter } = require('@bull-board/express') as typeof import('@bull-board/express');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const board = new Adapter();
  board.setBasePath(queuesPath);
  createBullBoard({
    queues: [runtime.queues.inbound, runtime.queues.outbound, runtime.queues.scheduled].map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'fieldline' } },
  });
  return board;
}

/**
 * The queues, for admins: bull-board (its UI and API from npm) inside the console, behind the
 * console's sign-in; other roles get the console's refusal. Its page is served without the link to
 * external fonts it carries.
 */
export function queueRoutes(kit: Kit): Router {
  const { runtime, languageOf, page } = kit;
  let board: Router | null = null;
  const adminsOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = await kit.signedIn(req);
      if (!actor) return res.redirect(303, '/console/sign-in');
      if (!mayDo(actor.role, 'admin'))
        return page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].forbidden} />, 403);
      const render = res.render.bind(res);
      res.render = ((view: string, options?: object) =>
        render(view, options ?? {}, (error: Error | null, html: string) =>
          error ? next(error) : res.type('html').send(html.replace(externalFonts, '')),
        )) as Response['render'];
      next();
    } catch (error) {
      next(error);
    }
  };
  const router = Router();
  router.use('/queues', adminsOnly, (req, res, next) => (board ??= bullBoard(runtime).getRouter() as Router)(req, res, next));
  return router;
}

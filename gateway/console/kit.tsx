import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { parse as parseCookies } from 'cookie';
import { mayDo, type Permission } from '../../domain/operators';
import type { Language } from '../../domain/people';
import { identify, sessionCookie } from '../auth';
import { HttpError, route } from '../http';
import type { Runtime } from '../runtime';
import { RefusedPage, type SignedIn } from './layout';
import type { RowContext } from './thread';
import { pageLanguage, words } from './words';

export const languageCookie = 'fieldline_lang';

/**
 * A row a live view puts in place by its key (gateway/console/live.js): a list's row (new ones on
 * top), or, with `replace`, a part of the page that only ever replaces itself (a board, a panel);
 * `svg`: an element of the map.
 */
export interface LiveRow {
  key: string;
  html: string;
  replace?: boolean;
  svg?: boolean;
}

/** What every console route needs: the page's language, rendering, the operator signed in, and guarded forms. */
export interface Kit {
  runtime: Runtime;
  languageOf(req: Request): Language;
  page(res: Response, html: unknown, status?: number): void;
  /** The operator signed in with the session cookie, or null; with `form`, its CSRF token must match (else 403). */
  signedIn(req: Request, form?: { csrf?: string }): Promise<SignedIn | null>;
  /** A signed-in page: the operator, or a redirect to sign-in. */
  pageFor(render: (req: Request, res: Response, actor: SignedIn) => Promise<unknown>): ReturnType<typeof route>;
  /**
   * A form that changes something: the session's CSRF token (a forged form changes nothing and goes
   * back to `back`), a role that may do it (else a 403 page), then the action.
   */
  formFor(
    permission: Permission,
    back: (req: Request) => string,
    act: (req: Request, res: Response, actor: SignedIn) => Promise<unknown>,
  ): ReturnType<typeof route>;
  /**
   * A form with a file (multipart): a session is asked for before anything is read (its CSRF
   * token, in the form, is checked next by formFor), then the file `field`, held in memory up to
   * `megabytes`; larger, a 413 with `tooLarge` in the page's language.
   */
  receiveFile(field: string, megabytes: number, tooLarge: (language: Language) => string): (req: Request, res: Response, next: NextFunction) => Promise<void>;
  /** How message rows render for this request. */
  rows(req: Request): RowContext;
  /** The text a list is searched for (`q`), trimmed and bounded. */
  searchOf(req: Request): string;
}

export function consoleKit(runtime: Runtime): Kit {
  const auth = { operators: runtime.operators, adminApiKey: null, clock: runtime.clock, sessions: runtime.config.sessions };
  const languageOf = (req: Request) => pageLanguage(parseCookies(req.get('cookie') ?? '')[languageCookie], req.get('accept-language'));
  const page = (res: Response, html: unknown, status = 200) =>
    void res
      .status(status)
      .type('html')
      .send(`<!doctype html>${String(html)}`);
  const signedIn = async (req: Request, form: { csrf?: string } = {}): Promise<SignedIn | null> => {
    if (!parseCookies(req.get('cookie') ?? '')[sessionCookie]) return null;
    const actor = await identify(req, auth, form).catch((error: unknown) => {
      if (error instanceof HttpError && error.status === 401) return null;
      throw error;
    });
    return actor?.kind === 'session' ? actor : null;
  };
  return {
    runtime,
    languageOf,
    page,
    signedIn,
    pageFor: (render) =>
      route(async (req, res) => {
        const actor = await signedIn(req);
        if (!actor) return res.redirect(303, '/console/sign-in');
        await render(req, res, actor);
      }),
    formFor: (permission, back, act) =>
      route(async (req, res) => {
        const actor = await signedIn(req, { csrf: String(req.body?.csrf ?? '') }).catch((error: unknown) => {
          if (error instanceof HttpError && error.status === 403) return 'forged' as const;
          throw error;
        });
        if (actor === 'forged') return res.redirect(303, back(req));
        if (!actor) return res.redirect(303, '/console/sign-in');
        if (!mayDo(actor.role, permission))
          return page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].forbidden} />, 403);
        await act(req, res, actor);
      }),
    receiveFile(field, megabytes, tooLarge) {
      const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: megabytes * 1024 * 1024, files: 1, fields: 20 } });
      return async (req, res, next) => {
        const session = await signedIn(req).catch((error: unknown) => (error instanceof HttpError && error.status === 403 ? 'awaits its token' : null));
        if (!session) return res.redirect(303, '/console/sign-in');
        upload.single(field)(req, res, (error: unknown) => {
          if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE')
            return void res
              .status(413)
              .type('text')
              .send(tooLarge(languageOf(req)));
          next(error);
        });
      };
    },
    searchOf: (req) =>
      String(req.query.q ?? '')
        .trim()
        .slice(0, 100),
    rows: (req) => ({ language: languageOf(req), zone: runtime.config.defaultTimezone, smsPrice: runtime.config.smsPrice }),
  };
}

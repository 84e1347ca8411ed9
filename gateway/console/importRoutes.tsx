import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { importDocument, importEffects } from '../api';
import { HttpError } from '../http';
import { recordWrite } from '../operatorApi';
import { ImportsPage, type ImportPreview } from './importPages';
import type { Kit } from './kit';
import type { PageNotice, SignedIn } from './layout';
import { words } from './words';

const maxMegabytes = 10;
/** How long a preview may be committed. */
const previewSeconds = 30 * 60;

/**
 * Imports, for admins: a document uploaded is validated and applied in a transaction that is rolled
 * back (its report is the preview: the rows that would land, and those that would be rejected with
 * index, field and reason); the previewed document waits in Redis under a one-time token, and
 * committing it takes it out (GETDEL), so a second click imports nothing twice.
 */
export function importRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const keyOf = (token: string) => `${runtime.queues.prefix}:console:import:${token}`;

  const importsPage = (req: Request, res: Response, actor: SignedIn, preview: ImportPreview | null, notice: PageNotice, status = 200) =>
    page(res, <ImportsPage language={languageOf(req)} actor={actor} preview={preview} notice={notice} />, status);

  router.get(
    '/imports',
    kit.pageFor(async (req, res, actor) => importsPage(req, res, actor, null, null)),
  );

  const receive = kit.receiveFile('document', maxMegabytes, (language) => words[language].importView.tooLarge(maxMegabytes));

  router.post(
    '/imports/preview',
    receive,
    kit.formFor(
      'admin',
      () => '/console/imports',
      async (req, res, actor) => {
        const m = words[languageOf(req)].importView;
        const file = req.file;
        if (!file || file.size === 0) return importsPage(req, res, actor, null, { error: true, text: m.noFile }, 400);
        let document: unknown;
        try {
          document = JSON.parse(file.buffer.toString('utf8').replace(/^\uFEFF/, ''));
        } catch (error) {
          return importsPage(req, res, actor, null, { error: true, text: m.notJson((error as Error).message) }, 400);
        }
        const report = await importDocument(runtime.importer, runtime.config.defaultCountry, document, 'preview').catch((error: unknown) => {
          if (error instanceof HttpError && error.status === 400) return error;
          throw error;
        });
        if (report instanceof HttpError) return importsPage(req, res, actor, null, { error: true, text: report.message }, 400);
        const token = randomBytes(18).toString('base64url');
        await runtime.queues.connection.set(
          keyOf(token),
          JSON.stringify({ operator: actor.operator.id, name: file.originalname, document }),
          'EX',
          previewSeconds,
        );
        importsPage(req, res, actor, { name: file.originalname || m.document, report, token }, null);
      },
    ),
  );

  router.post(
    '/imports/commit',
    kit.formFor(
      'admin',
      () => '/console/imports',
      async (req, res, actor) => {
        const m = words[languageOf(req)].importView;
        const token = String(req.body?.token ?? '');
        const held = /^[\w-]{24}$/.test(token) ? await runtime.queues.connection.getdel(keyOf(token)) : null;
        const previewed = held ? (JSON.parse(held) as { operator: string; name: string; document: unknown }) : null;
        if (!previewed || previewed.operator !== actor.operator.id) return importsPage(req, res, actor, null, { error: true, text: m.expired }, 409);
        const report = await importDocument(runtime.importer, runtime.config.defaultCountry, previewed.document, importEffects(runtime));
        const rows = Object.values(report.counts).reduce((sum, n) => sum + (n ?? 0), 0);
        await recordWrite(runtime, req, actor, { subject: `import ${previewed.name}`, after: { counts: report.counts, errors: report.errors.length } });
        importsPage(req, res, actor, null, { error: false, text: m.committed(rows, report.errors.length) });
      },
    ),
  );
  return router;
}

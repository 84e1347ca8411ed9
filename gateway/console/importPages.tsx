import type { ImportReport } from '../../domain/import';
import type { Language } from '../../domain/people';
import { Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

/** A previewed document: what would land per kind, the rows that would be rejected, and the token that commits it once. */
export interface ImportPreview {
  name: string;
  report: ImportReport;
  token: string;
}

/** Imports, for admins: upload a document, see what would land and what would be rejected (index, field, reason), then commit. */
export function ImportsPage({ language, actor, preview, notice }: { language: Language; actor: SignedIn; preview: ImportPreview | null; notice: PageNotice }) {
  const t = words[language];
  const m = t.importView;
  const landing = preview ? Object.entries(preview.report.counts).filter(([, n]) => (n ?? 0) > 0) : [];
  return (
    <Shell language={language} actor={actor} title={t.imports} current="imports">
      <h1>{t.imports}</h1>
      <Notice notice={notice} />
      <p>{m.intro}</p>
      <form method="post" action="/console/imports/preview" enctype="multipart/form-data" class="filters">
        <input type="hidden" name="csrf" value={actor.csrfToken} />
        <label class="wide">
          {m.file} <input type="file" name="document" accept="application/json,.json" required />
        </label>
        <button type="submit">{m.preview}</button>
      </form>
      {preview ? (
        <section class="preview" aria-label={m.previewOf(preview.name)}>
          <h2>{m.previewOf(preview.name)}</h2>
          <h3>{m.wouldLand}</h3>
          <table class="grid counts">
            <thead>
              <tr>
                <th>{m.kind}</th>
                <th class="number">{m.rows}</th>
              </tr>
            </thead>
            <tbody>
              {landing.map(([kind, n]) => (
                <tr>
                  <td>{kind}</td>
                  <td class="number">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{m.rejected(preview.report.errors.length)}</h3>
          {preview.report.errors.length > 0 ? (
            <div class="scroll">
              <table class="grid rejected">
                <thead>
                  <tr>
                    <th>{m.kind}</th>
                    <th class="number">{m.index}</th>
                    <th>{m.field}</th>
                    <th>{m.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.report.errors.map((e) => (
                    <tr>
                      <td>{e.kind}</td>
                      <td class="number">{e.index ?? '–'}</td>
                      <td>{e.field}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.report.balances.length > 0 ? (
            <>
              <h3>{m.balances(preview.report.balances.length)}</h3>
              <div class="scroll">
                <table class="grid balances">
                  <thead>
                    <tr>
                      <th>{m.dealer}</th>
                      <th class="number">{m.ledger}</th>
                      <th class="number">{m.imported}</th>
                      <th class="number">{m.difference}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.report.balances.map((b) => (
                      <tr>
                        <td>{b.dealer}</td>
                        <td class="number">{b.ledger.toFixed(2)}</td>
                        <td class="number">{b.imported.toFixed(2)}</td>
                        <td class="number">{(b.difference > 0 ? '+' : '') + b.difference.toFixed(2)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {landing.length > 0 ? (
            <form method="post" action="/console/imports/commit">
              <input type="hidden" name="csrf" value={actor.csrfToken} />
              <input type="hidden" name="token" value={preview.token} />
              <button type="submit">{m.commit}</button>
            </form>
          ) : null}
        </section>
      ) : null}
    </Shell>
  );
}

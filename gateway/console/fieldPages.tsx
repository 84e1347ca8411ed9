import { DateTime } from 'luxon';
import type { FieldReview } from '../../adapters/db/boardReads';
import type { Language } from '../../domain/people';
import type { DayRange } from '../../domain/reads';
import { DayRangeForm, Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

/**
 * Field reports: flagged sell-out reports with why each was flagged (against the promoter's usual,
 * against the shelf), to accept or reject; check-ins far from their store; supervisors' visits.
 */
export function FieldPage(props: {
  language: Language;
  actor: SignedIn;
  range: DayRange;
  review: FieldReview;
  mayAct: boolean;
  zone: string;
  notice: PageNotice;
}) {
  const { language, actor, range, review, mayAct, zone, notice } = props;
  const t = words[language];
  const f = t.field;
  const when = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
  return (
    <Shell language={language} actor={actor} title={t.fieldReports} current="field">
      <h1>{t.fieldReports}</h1>
      <Notice notice={notice} />
      <DayRangeForm action="/console/field" range={range} language={language} />
      <h2>{f.flagged}</h2>
      {review.reports.length === 0 ? <p class="empty">{f.noFlagged}</p> : null}
      <ul class="approvals">
        {review.reports.map((r) => (
          <li id={`report-${r.id}`}>
            <h2>{f.report(r.id, r.store, r.day)}</h2>
            <p class="meta">{f.by(r.person, when(r.submittedAt))}</p>
            <p>{r.lines.map((l) => `${l.sku} ${l.qty}`).join(', ')}</p>
            <ul class="flags">
              {r.flags.map((flag) => (
                <li class="reason">
                  {flag.reason === 'above-stock' ? f.aboveStock(flag.sku, flag.qty, flag.stock) : f.aboveAverage(flag.sku, flag.qty, flag.usual)}
                </li>
              ))}
            </ul>
            {mayAct ? (
              <div class="actions">
                <form method="post" action={`/console/field/reports/${r.id}/accept`}>
                  <input type="hidden" name="csrf" value={actor.csrfToken} />
                  <button type="submit">{f.accept}</button>
                </form>
                <form method="post" action={`/console/field/reports/${r.id}/reject`} class="reject">
                  <input type="hidden" name="csrf" value={actor.csrfToken} />
                  <label for={`why-${r.id}`}>{f.rejectReason}</label>
                  <input id={`why-${r.id}`} name="reason" maxlength={300} />
                  <button type="submit">{f.reject}</button>
                </form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>{f.checkIns}</h2>
      {review.checkIns.length === 0 ? <p class="empty">{f.noCheckIns}</p> : null}
      <ul class="people">
        {review.checkIns.map((c) => (
          <li>
            {f.checkIn(c.person, c.store, when(c.openedAt))}
            {c.distanceM !== null ? <span class="meta"> · {f.distance(c.distanceM)}</span> : null}
          </li>
        ))}
      </ul>
      <h2>{f.visits}</h2>
      {review.visits.length === 0 ? <p class="empty">{f.noVisits}</p> : null}
      <ul class="people">
        {review.visits.map((v) => (
          <li>
            {f.visit(v.person, v.store, when(v.visitedAt))}
            {v.score !== null ? ` · ${f.score(v.score)}` : ''}
            {v.note ? <span class="meta"> · {v.note}</span> : null}
          </li>
        ))}
      </ul>
    </Shell>
  );
}

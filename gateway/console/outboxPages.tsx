import { DateTime } from 'luxon';
import { channels } from '../../domain/channels';
import { proactiveKinds } from '../../domain/messages';
import type { Language } from '../../domain/people';
import type { OutboxFilter, OutboxRow } from '../../domain/reads';
import { explainFailure } from './failures';
import { Notice, Shell, type SignedIn } from './layout';
import { words } from './words';

export const outboxViews = ['scheduled', 'failed', 'cancelled'] as const;
const kinds = ['reply', ...proactiveKinds];

/** The filter as query-string fields (the tabs keep it; the resend forms carry it). */
export const filterFields = (filter: OutboxFilter): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      view: filter.view,
      kind: filter.kind,
      channel: filter.channel,
      code: filter.code,
      from: filter.from?.toISOString().slice(0, 10),
      to: filter.to ? new Date(filter.to.getTime() - 86_400_000).toISOString().slice(0, 10) : null,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );

/**
 * The outbox: what waits (and until when, in the recipient's zone), what failed (the provider's code
 * in plain words), what was cancelled (why). Failed ones can be resent by filter after a preview.
 */
export function OutboxPage(props: {
  language: Language;
  actor: SignedIn;
  filter: OutboxFilter;
  rows: OutboxRow[];
  mayAct: boolean;
  zone: string;
  now: Date;
  notice: { error: boolean; text: string } | null;
}) {
  const { language, actor, filter, rows, mayAct, zone, now, notice } = props;
  const t = words[language];
  const o = t.outboxView;
  const at = (date: Date, tz: string) => DateTime.fromJSDate(date, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');
  const fields = filterFields(filter);
  return (
    <Shell language={language} actor={actor} title={t.outbox} current="outbox">
      <h1>{t.outbox}</h1>
      <Notice notice={notice} />
      <nav class="tabs" aria-label={t.outbox}>
        {outboxViews.map((view) => (
          <a href={`/console/outbox?${new URLSearchParams({ ...fields, view })}`} aria-current={filter.view === view ? 'page' : undefined}>
            {o[view]}
          </a>
        ))}
      </nav>
      <form method="get" action="/console/outbox" class="filters">
        <input type="hidden" name="view" value={filter.view} />
        <select name="kind" aria-label={o.kind}>
          <option value="">{o.anyKind}</option>
          {kinds.map((kind) => (
            <option value={kind} selected={filter.kind === kind}>
              {t.messageKind[kind] ?? kind}
            </option>
          ))}
        </select>
        <select name="channel" aria-label={t.channel}>
          <option value="">{o.anyChannel}</option>
          {channels.map((channel) => (
            <option value={channel} selected={filter.channel === channel}>
              {channel}
            </option>
          ))}
        </select>
        {filter.view === 'scheduled' ? null : (
          <label>
            {o.code} <input name="code" value={filter.code ?? ''} size={12} />
          </label>
        )}
        <label>
          {o.from} <input type="date" name="from" value={fields.from ?? ''} />
        </label>
        <label>
          {o.to} <input type="date" name="to" value={fields.to ?? ''} />
        </label>
        <button type="submit">{o.show}</button>
      </form>
      {rows.length === 0 ? <p class="empty">{o.none}</p> : null}
      {filter.view === 'failed' && mayAct && rows.length > 0 ? (
        <form method="post" action="/console/outbox/resend-preview" class="resend">
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          {Object.entries(fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit">{o.resendThese}</button>
        </form>
      ) : null}
      {rows.length > 0 ? (
        <div class="scroll">
          <table class="outbox">
            <thead>
              <tr>
                <th scope="col">{o.created}</th>
                <th scope="col">{o.recipient}</th>
                <th scope="col">{o.kind}</th>
                <th scope="col">{o.status}</th>
                <th scope="col">{o.text}</th>
                <th scope="col">{o.why}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const tz = row.person?.timezone ?? zone;
                return (
                  <tr id={`out-${row.id}`}>
                    <td>{at(row.createdAt, zone)}</td>
                    <td>
                      <a href={`/console/conversations/${encodeURIComponent(row.recipient)}`}>{row.person?.name ?? row.recipient}</a>
                      <span class="meta">
                        {row.channel} · {row.recipient}
                      </span>
                    </td>
                    <td>{t.messageKind[row.kind] ?? row.kind}</td>
                    <td>{t.messageStatus[row.status] ?? row.status}</td>
                    <td class="text">{row.text}</td>
                    <td>
                      {filter.view === 'scheduled'
                        ? row.dueAt && row.dueAt > now
                          ? o.waitsUntil(at(row.dueAt, tz), tz, row.heldFor)
                          : o.dueNow
                        : `${row.code ?? ''}${row.code ? ': ' : ''}${explainFailure(row.code, language) ?? ''}`}
                      {row.reason ? <span class="meta">{row.reason}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Shell>
  );
}

/** What a resend by filter will do, before it does it: how many, to whom; confirming resends exactly these. */
export function ResendPreviewPage(props: { language: Language; actor: SignedIn; rows: OutboxRow[]; back: string }) {
  const { language, actor, rows, back } = props;
  const t = words[language];
  const o = t.outboxView;
  const people = [...new Set(rows.map((row) => row.person?.name ?? row.recipient))];
  return (
    <Shell language={language} actor={actor} title={t.outbox} current="outbox">
      <h1>{o.preview(rows.length, people.length)}</h1>
      <p>
        {people.slice(0, 20).join(', ')}
        {people.length > 20 ? ` ${o.previewMore(people.length - 20)}` : ''}
      </p>
      <form method="post" action="/console/outbox/resend">
        <input type="hidden" name="csrf" value={actor.csrfToken} />
        <input type="hidden" name="ids" value={rows.map((row) => row.id).join(',')} />
        <input type="hidden" name="back" value={back} />
        <button type="submit">{o.confirm}</button>
      </form>
      <p>
        <a href={back}>←</a>
      </p>
    </Shell>
  );
}

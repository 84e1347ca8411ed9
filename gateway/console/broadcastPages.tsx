import { DateTime } from 'luxon';
import type { BroadcastProgress, BroadcastRecord, BroadcastResults } from '../../adapters/db/broadcastStore';
import type { BroadcastPreview } from '../../domain/broadcasts';
import { formatMoney } from '../../domain/money';
import { roles, type Language } from '../../domain/people';
import { Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

export interface BroadcastForm {
  en: string;
  zh: string;
  roles: string[];
  regions: string;
  dealers: string;
  tiers: string;
  stores: string;
  people: string;
  sendAt: string;
}
export const emptyForm: BroadcastForm = { en: '', zh: '', roles: [], regions: '', dealers: '', tiers: '', stores: '', people: '', sendAt: '' };

/** What a text costs, said while it is typed (htmx asks the gateway, which counts as Twilio does). */
export function SegmentCounter({
  id,
  language,
  characters,
  segments,
  encoding,
}: {
  id: string;
  language: Language;
  characters: number;
  segments: number;
  encoding: string;
}) {
  return (
    <output id={id} class="meta" aria-live="polite">
      {characters > 0 ? words[language].broadcast.counter(characters, segments, encoding) : ''}
    </output>
  );
}

/** Compose (texts, audience, send time) and the history of broadcasts with their status. */
export function BroadcastsPage(props: {
  language: Language;
  actor: SignedIn;
  form: BroadcastForm;
  history: BroadcastRecord[];
  zone: string;
  notice: PageNotice;
  mayAct: boolean;
}) {
  const { language, actor, form, history, zone, notice, mayAct } = props;
  const t = words[language];
  const b = t.broadcast;
  const text = (name: 'en' | 'zh', label: string) => (
    <>
      <label for={`text-${name}`}>{label}</label>
      <textarea
        id={`text-${name}`}
        name={name}
        rows={3}
        maxlength={2000}
        hx-get="/console/broadcasts/count"
        hx-trigger="input changed delay:300ms"
        hx-target={`#count-${name}`}
        hx-swap="outerHTML"
        hx-vals={`{"field": "${name}"}`}
      >
        {form[name]}
      </textarea>
      <SegmentCounter id={`count-${name}`} language={language} characters={0} segments={0} encoding="" />
    </>
  );
  return (
    <Shell language={language} actor={actor} title={t.broadcasts} current="broadcasts">
      <h1>{t.broadcasts}</h1>
      <Notice notice={notice} />
      {mayAct ? (
        <form method="post" action="/console/broadcasts/preview" class="compose-broadcast" enctype="multipart/form-data">
          <h2>{b.compose}</h2>
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          {text('zh', b.textZh)}
          {text('en', b.textEn)}
          <fieldset>
            <legend>{b.roles}</legend>
            {roles
              .filter((role) => role !== 'admin')
              .map((role) => (
                <label class="inline">
                  <input type="checkbox" name="roles" value={role} checked={form.roles.includes(role)} /> {t.personRole[role]}
                </label>
              ))}
          </fieldset>
          {(['regions', 'dealers', 'tiers', 'stores', 'people'] as const).map((field) => (
            <>
              <label for={`audience-${field}`}>{b[field]}</label>
              <input id={`audience-${field}`} name={field} value={form[field]} />
            </>
          ))}
          <label for="audience-file">{b.peopleFile}</label>
          <input id="audience-file" name="peopleFile" type="file" accept=".csv,.txt,text/csv,text/plain" />
          <label for="send-at">{b.sendAt}</label>
          <input id="send-at" name="sendAt" type="datetime-local" value={form.sendAt} />
          <button type="submit">{b.preview}</button>
        </form>
      ) : null}
      <h2>{b.history}</h2>
      {history.length === 0 ? <p class="empty">{b.none}</p> : null}
      <ul class="people">
        {history.map((r) => (
          <li>
            <a href={`/console/broadcasts/${r.id}`}>#{r.id}</a> · {b.status[r.status]} · {b.recipients(r.preview.recipients)} ·{' '}
            {DateTime.fromJSDate(new Date(r.createdAt), { zone }).toFormat('yyyy-MM-dd HH:mm')}
            <span class="meta"> {(r.texts[language] ?? r.texts.en ?? r.texts.zh ?? '').slice(0, 80)}</span>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

/** A broadcast's preview, status and progress: confirm it (once), or cancel what has not left. */
export function BroadcastPage(props: {
  language: Language;
  actor: SignedIn;
  broadcast: BroadcastRecord;
  excluded: BroadcastPreview['excluded'];
  progress: BroadcastProgress;
  results: BroadcastResults;
  pricePerSegment: number;
  currency: string;
  zone: string;
  mayAct: boolean;
  notice: PageNotice;
}) {
  const { language, actor, broadcast, excluded, progress, results, pricePerSegment, currency, zone, mayAct, notice } = props;
  const t = words[language];
  const b = t.broadcast;
  const p = broadcast.preview;
  const at = (value: Date | string | null) => (value ? DateTime.fromJSDate(new Date(value), { zone }).toFormat('yyyy-MM-dd HH:mm') : '–');
  return (
    <Shell language={language} actor={actor} title={b.title(broadcast.id, broadcast.status)} current="broadcasts">
      <p>
        <a href="/console/broadcasts">{t.broadcasts}</a>
      </p>
      <h1>{b.title(broadcast.id, broadcast.status)}</h1>
      <Notice notice={notice} />
      <p class="state">{b.status[broadcast.status]}</p>
      <dl class="facts">
        <dt>{b.audience}</dt>
        <dd id="recipients">{b.recipients(p.recipients)}</dd>
        {Object.entries(p.byChannel).map(([channel, c]) => (
          <>
            <dt>{b.byWay[channel] ?? channel}</dt>
            <dd>{channel === 'sms' ? b.byChannel(c!.recipients, c!.segments) : c!.recipients}</dd>
          </>
        ))}
        <dt>{b.cost}</dt>
        <dd id="cost">{formatMoney(p.cost, currency)}</dd>
        <dt>{b.segments}</dt>
        <dd>
          {Object.entries(p.texts)
            .map(([lang, x]) => b.segmentsOf(lang, x!.segments, x!.encoding))
            .join(' · ')}
        </dd>
        <dt>{b.when}</dt>
        <dd id="finished-by">{b.finishedBy(at(p.finishedBy))}</dd>
      </dl>
      {Object.entries(broadcast.texts).map(([lang, text]) => (
        <blockquote lang={lang === 'zh' ? 'zh-CN' : 'en'}>{text}</blockquote>
      ))}
      {excluded.length > 0 ? (
        <>
          <p>{b.excluded(excluded.length)}</p>
          <ul class="people">
            {excluded.slice(0, 50).map((x) => (
              <li>
                {x.name} <span class="meta">{b.why[x.why]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p id="progress" hx-get={`/console/broadcasts/${broadcast.id}/progress`} hx-trigger="every 2s" hx-swap="outerHTML">
        {b.progress(progress)}
      </p>
      {results.sent > 0 ? (
        <p id="results">
          {b.results(results.delivered, results.sent, results.replied, results.optedOut, formatMoney(results.segments * pricePerSegment, currency))}
        </p>
      ) : null}
      <p>
        <a href={`/console/broadcasts/${broadcast.id}/recipients.csv`} download>
          {b.export}
        </a>
      </p>
      {mayAct && broadcast.status === 'previewed' ? (
        <form method="post" action={`/console/broadcasts/${broadcast.id}/confirm`}>
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{b.confirm}</button>
        </form>
      ) : null}
      {mayAct && broadcast.status === 'confirmed' ? (
        <form method="post" action={`/console/broadcasts/${broadcast.id}/cancel`}>
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{b.cancel}</button>
        </form>
      ) : null}
    </Shell>
  );
}

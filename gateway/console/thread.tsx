import { DateTime } from 'luxon';
import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import type { ConversationView } from '../../domain/reads';
import { explainFailure } from './failures';
import { words } from './words';

/** What renders a row: the page's language and zone, and what an SMS segment costs. */
export interface RowContext {
  language: Language;
  zone: string;
  smsPrice: { perSegment: number; currency: string };
}

/** The element id a message's row has: the live view replaces the row it names, or adds it. */
export const messageKey = (m: Pick<LoggedMessage, 'direction' | 'id'>): string => `m-${m.direction}-${m.id}`;
export const conversationKey = (peer: string): string => `c-${peer.replace(/[^A-Za-z0-9]/g, '_')}`;

/** How a free text was understood, in a line: intent, confidence and the command it became. */
export function ReadingLine({ m, language }: { m: LoggedMessage; language: Language }) {
  const t = words[language];
  if (!m.reading) return null;
  const { outcome, intent, confidence, command } = m.reading;
  // Held back by the traffic guard: it was not understood as anything, and the line says why it got no answer.
  if (outcome === 'unanswered') return <span class="reading">{t.unanswered(command)}</span>;
  return (
    <span class="reading">
      {t.understoodAs}{' '}
      {outcome === 'unsure' ? t.unsure : outcome === 'not-allowed' ? t.notAllowed(command ?? '') : `${outcome}${command ? `: ${command}` : ''}`}
      {intent ? ` · ${intent}` : ''}
      {confidence !== null ? ` · ${t.confidence} ${confidence.toFixed(2)}` : ''}
    </span>
  );
}

/** One message: direction, channel, status, when; an SMS's segments and cost; for a failure the provider's code in plain words. */
export function MessageRow({ m, context }: { m: LoggedMessage; context: RowContext }) {
  const { language, zone, smsPrice } = context;
  const t = words[language];
  const cost = m.segments ? `${t.cost} ${(m.segments * smsPrice.perSegment).toFixed(4)} ${smsPrice.currency}` : '';
  return (
    <li class={m.direction} id={messageKey(m)}>
      <span class="meta">
        {m.direction === 'in' ? '←' : '→'} {m.channel} · {m.status}
        {m.kind && m.kind !== 'reply' ? ` · ${m.kind}` : ''}
        {m.segments ? ` · ${t.segments(m.segments, m.encoding ?? '')} · ${cost}` : ''} · {DateTime.fromJSDate(m.at, { zone }).toFormat('yyyy-MM-dd HH:mm:ss')}
      </span>
      <span class="text">{m.text}</span>
      <ReadingLine m={m} language={language} />
      {m.errorCode ? (
        <span class="failure">
          {t.failedWith} {m.errorCode}: {explainFailure(m.errorCode, language) ?? m.errorMessage ?? ''}
        </span>
      ) : null}
    </li>
  );
}

/** Messages in and out, newest first: the live view replaces a row by its key, or adds it on top. */
export function Thread({ messages, context }: { messages: LoggedMessage[]; context: RowContext }) {
  return (
    <>
      {messages.length === 0 ? <p class="empty">{words[context.language].noMessages}</p> : null}
      <ol class="thread" data-rows="newest-first">
        {messages.map((m) => (
          <MessageRow m={m} context={context} />
        ))}
      </ol>
    </>
  );
}

/** A conversation in the list: who, their latest message, how many. */
export function ConversationRow({ c, language, zone }: { c: ConversationView; language: Language; zone: string }) {
  const t = words[language];
  return (
    <li id={conversationKey(c.peer)}>
      <a href={`/console/conversations/${encodeURIComponent(c.peer)}`}>
        <strong>{c.person?.name ?? `${c.peer} (${t.unknownSender})`}</strong>
      </a>
      <span class="meta">
        {c.channel} · {c.peer} · {t.messagesCount(c.messages)} · {DateTime.fromJSDate(c.last.at, { zone }).toFormat('yyyy-MM-dd HH:mm')}
      </span>
      <span class="text">
        {c.last.direction === 'in' ? '← ' : '→ '}
        {c.last.text}
      </span>
    </li>
  );
}

/** Where the live view connects (`/console/events?…`) and the event it follows after; its state shows offline. */
export function LiveStatus({ language, source, after }: { language: Language; source: string; after: string }) {
  const t = words[language];
  return (
    <p class="live" role="status" data-live={source} data-after={after} data-online={t.live} data-offline={t.offline}>
      {t.live}
    </p>
  );
}

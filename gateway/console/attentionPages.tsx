import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { AttentionItem } from '../../domain/reads';
import { explainFailure } from './failures';
import { Notice, Shell, type SignedIn } from './layout';
import { words } from './words';

/** What the bot could not handle, newest first, each with the actions that settle it. */
export function AttentionPage(props: {
  language: Language;
  actor: SignedIn;
  items: AttentionItem[];
  mayAct: boolean;
  zone: string;
  notice: { error: boolean; text: string } | null;
}) {
  const { language, actor, items, mayAct, zone, notice } = props;
  const t = words[language];
  const form = (action: string, item: string, label: string) => (
    <form method="post" action={action}>
      <input type="hidden" name="csrf" value={actor.csrfToken} />
      <input type="hidden" name="item" value={item} />
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <Shell language={language} actor={actor} title={t.attention} current="attention">
      <h1>{t.attention}</h1>
      <Notice notice={notice} />
      {items.length === 0 ? <p class="empty">{t.nothingNeedsAttention}</p> : null}
      <ul class="attention">
        {items.map((item) => (
          <li id={`a-${item.item.replace(':', '-')}`}>
            <span class="reason">
              {t.reason[item.reason]}
              {item.answered ? ` (${t.answered(t.messageKind[item.answered] ?? item.answered)})` : ''}
              {item.broadcast ? (
                <>
                  {' '}
                  <a href={`/console/broadcasts/${item.broadcast}`}>#{item.broadcast}</a>
                </>
              ) : null}
            </span>
            <a href={`/console/conversations/${encodeURIComponent(item.peer)}`}>
              <strong>{item.person?.name ?? `${item.peer} (${t.unknownSender})`}</strong>
            </a>
            <span class="meta">
              {item.channel} · {item.peer} · {DateTime.fromJSDate(item.at, { zone }).toFormat('yyyy-MM-dd HH:mm')}
            </span>
            <span class="text">
              {item.reason === 'failed-send' ? '→ ' : '← '}
              {item.text}
            </span>
            {item.statement ? <span class="statement">{t.statementLine(item.statement)}</span> : null}
            {item.errorCode ? (
              <span class="failure">
                {t.failedWith} {item.errorCode}: {explainFailure(item.errorCode, language) ?? ''}
              </span>
            ) : null}
            {mayAct ? (
              <span class="actions">
                {item.person && item.reason !== 'failed-send'
                  ? form(`/console/conversations/${encodeURIComponent(item.peer)}/take-over`, item.item, t.takeOver)
                  : null}
                {item.reason === 'failed-send' ? form('/console/attention/resend', item.item, t.resend) : null}
                {form('/console/attention/handled', item.item, t.markHandled)}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </Shell>
  );
}

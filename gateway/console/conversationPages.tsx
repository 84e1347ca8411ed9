import { channels } from '../../domain/channels';
import { proactiveKinds } from '../../domain/messages';
import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import type { ConversationView } from '../../domain/reads';
import { Notice, Shell, type SignedIn } from './layout';
import { ConversationRow, LiveStatus, Thread, type RowContext } from './thread';
import { words } from './words';

export function ConversationsPage(props: {
  language: Language;
  actor: SignedIn;
  filter: Record<string, string>;
  conversations: ConversationView[];
  zone: string;
  /** the live view follows events after this one */
  after: string;
}) {
  const { language, actor, filter, conversations, zone, after } = props;
  const t = words[language];
  const select = (name: string, label: string, any: string, options: string[], names: Record<string, string> = {}) => (
    <span>
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option value={option} selected={filter[name] === option}>
            {names[option] ?? option}
          </option>
        ))}
      </select>
    </span>
  );
  // The list follows every new message live only when unfiltered: a filtered list is a search, reloaded by its form.
  const filtered = Object.values(filter).some((value) => value !== '');
  return (
    <Shell language={language} actor={actor} title={t.conversations} current="conversations">
      <h1>{t.conversations}</h1>
      <form method="get" action="/console/conversations" class="filters" role="search">
        <span class="wide">
          <label for="q">{t.searchMessages}</label>
          <input id="q" name="q" type="search" value={filter.q ?? ''} />
        </span>
        {select('channel', t.channel, t.anyChannel, [...channels], t.channelName)}
        {select('status', t.status, t.anyStatus, ['received', 'processed', 'pending', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'])}
        {select('kind', t.kind, t.anyKind, ['reply', ...proactiveKinds])}
        <span>
          <label for="from">{t.fromDay}</label>
          <input id="from" name="from" type="date" value={filter.from ?? ''} />
        </span>
        <span>
          <label for="to">{t.toDay}</label>
          <input id="to" name="to" type="date" value={filter.to ?? ''} />
        </span>
        <button type="submit">{t.filter}</button>
      </form>
      {filtered ? null : <LiveStatus language={language} source="/console/events?view=conversations" after={after} />}
      {conversations.length === 0 ? <p class="empty">{t.noConversations}</p> : null}
      <ul class="conversations" data-rows="move-to-top">
        {conversations.map((c) => (
          <ConversationRow c={c} language={language} zone={zone} />
        ))}
      </ul>
    </Shell>
  );
}

/** Who answers the conversation, and the control that changes it: take over, or hand back. Replaced live when that changes. */
export function HandoffPanel(props: {
  language: Language;
  actor: SignedIn;
  peer: string;
  person: { id: string; name: string } | null;
  holder: { email: string; mine: boolean } | null;
  mayAct: boolean;
  idleMinutes: number;
}) {
  const { language, actor, peer, person, holder, mayAct, idleMinutes } = props;
  const t = words[language];
  const action = (path: string, label: string) => (
    <form method="post" action={`/console/conversations/${encodeURIComponent(peer)}/${path}`}>
      <input type="hidden" name="csrf" value={actor.csrfToken} />
      <button type="submit">{label}</button>
    </form>
  );
  if (!person) return <section id="handoff" class="handoff" />;
  return (
    <section id="handoff" class="handoff" aria-label={t.takeOver}>
      <p>{!holder ? t.botAnswers : holder.mine ? `${t.heldByYou} ${t.idleLimit(idleMinutes)}` : t.heldBy(holder.email)}</p>
      {mayAct && !holder ? action('take-over', t.takeOver) : null}
      {mayAct && holder?.mine ? action('hand-back', t.handBack) : null}
    </section>
  );
}

/** The operator's reply: its idempotency key makes a form sent twice one message. */
export function ReplyForm(props: {
  language: Language;
  actor: SignedIn;
  peer: string;
  channel: string;
  idempotencyKey: string;
  text: string;
  notice: { error: boolean; text: string } | null;
}) {
  const { language, actor, peer, channel, idempotencyKey, text, notice } = props;
  const t = words[language];
  return (
    <form method="post" action={`/console/conversations/${encodeURIComponent(peer)}/reply`} class="reply">
      <Notice notice={notice} />
      <input type="hidden" name="csrf" value={actor.csrfToken} />
      <input type="hidden" name="key" value={idempotencyKey} />
      <label for="reply">{t.replyLabel(channel)}</label>
      <textarea id="reply" name="text" rows={3} maxlength={4096}>
        {text}
      </textarea>
      <button type="submit">{t.send}</button>
    </form>
  );
}

export function ConversationPage(props: {
  language: Language;
  actor: SignedIn;
  peer: string;
  person: { id: string; name: string } | null;
  messages: LoggedMessage[];
  rows: RowContext;
  after: string;
  handoff: Parameters<typeof HandoffPanel>[0];
  reply: Parameters<typeof ReplyForm>[0] | null;
}) {
  const { language, actor, peer, person, messages, rows, after, handoff, reply } = props;
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={person?.name ?? peer} current="conversations">
      <h1>{person ? <a href={`/console/people/${encodeURIComponent(person.id)}`}>{person.name}</a> : `${peer} (${t.unknownSender})`}</h1>
      <p class="who">{peer}</p>
      <HandoffPanel {...handoff} />
      {reply ? <ReplyForm {...reply} /> : null}
      <LiveStatus language={language} source={`/console/events?view=conversation&peer=${encodeURIComponent(peer)}`} after={after} />
      <Thread messages={messages} context={rows} />
    </Shell>
  );
}

import { channels, type Channel } from '../../domain/channels';
import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import type { PersonSummary } from '../../domain/reads';
import { SearchForm, Shell, type SignedIn } from './layout';
import { ReadingLine, messageKey, type RowContext } from './thread';
import { words } from './words';

/** The simulator's first step: pick a person to chat as. */
export function SimulatorPickPage({ language, actor, search, people }: { language: Language; actor: SignedIn; search: string; people: PersonSummary[] }) {
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={t.simulator} current="simulator">
      <h1>{t.pickPerson}</h1>
      <SearchForm action="/console/simulator" label={t.searchPeople} search={search} find={t.find} />
      {people.length === 0 ? <p class="empty">{t.nobody}</p> : null}
      <ul class="people">
        {people.map((person) => (
          <li>
            <a href={`/console/simulator/${encodeURIComponent(person.id)}`}>{person.name}</a>{' '}
            <span class="meta">
              {t.personRole[person.role as keyof typeof t.personRole] ?? person.role} · {person.phone ?? ''}
              {person.telegramId ? ` · tg:${person.telegramId}` : ''}
              {person.wechatId ? ` · wx:${person.wechatId}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

/** A bubble in the phone: the person's message (with how it was understood) or a reply (channel, segments, encoding, cost, buttons). */
function Bubble({ m, context, send }: { m: LoggedMessage; context: RowContext; send: (text: string, label: string) => unknown }) {
  const t = words[context.language];
  const mine = m.direction === 'in';
  const cost = m.segments ? `${(m.segments * context.smsPrice.perSegment).toFixed(4)} ${context.smsPrice.currency}` : null;
  return (
    <li class={mine ? 'bubble mine' : 'bubble'} id={messageKey(m)}>
      <span class="text">{m.text}</span>
      {mine ? (
        m.reading ? (
          <ReadingLine m={m} language={context.language} />
        ) : (
          <span class="reading">{t.typedCommand}</span>
        )
      ) : (
        <span class="meta">
          {m.channel} · {m.status}
          {m.segments ? ` · ${t.segments(m.segments, m.encoding ?? '')} · ${t.cost} ${cost}` : ''}
        </span>
      )}
      {!mine && m.keyboard?.kind === 'choices' ? <span class="choices">{m.keyboard.choices.map((choice) => send(choice.reply, choice.label))}</span> : null}
    </li>
  );
}

export function SimulatorPage(props: {
  language: Language;
  actor: SignedIn;
  person: { id: string; name: string; role: string };
  channel: Channel;
  /** the person's address on each channel, where they have one */
  addresses: Record<Channel, string | null>;
  messages: LoggedMessage[];
  rows: RowContext;
  notice: string | null;
}) {
  const { language, actor, person, channel, addresses, messages, rows, notice } = props;
  const t = words[language];
  const base = `/console/simulator/${encodeURIComponent(person.id)}`;
  // Each form swaps the phone in place with htmx (the answer is the page it redirects to); without script, it is a plain form.
  const swap = { 'hx-target': '#phone', 'hx-select': '#phone', 'hx-swap': 'outerHTML' };
  const send = (text: string, label: string) => (
    <form method="post" action={`${base}/send`} hx-post={`${base}/send`} {...swap}>
      <input type="hidden" name="csrf" value={actor.csrfToken} />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="text" value={text} />
      <button type="submit" class="choice">
        {label}
      </button>
    </form>
  );
  const address = addresses[channel];
  return (
    <Shell language={language} actor={actor} title={`${t.simulator} · ${person.name}`} current="simulator">
      <h1>{t.simulateAs(person.name)}</h1>
      <p class="who">
        {t.personRole[person.role as keyof typeof t.personRole] ?? person.role} · {t.sandbox}
      </p>
      <nav class="tabs" aria-label={t.channel}>
        {channels.map((one) => (
          <a href={`${base}?channel=${one}`} aria-current={one === channel ? 'page' : undefined}>
            {t.channelName[one]}
          </a>
        ))}
      </nav>
      <section id="phone" class="phone" aria-label={t.simulator}>
        <header class="phone-top">
          {address ?? { sms: t.noPhone, telegram: t.noTelegram, wechat: t.noWechat }[channel]} · {t.channelName[channel]}
        </header>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        {/* Newest first, shown bottom up (column-reverse): the screen opens on the latest message, without script. */}
        <ol class="screen" tabindex={0} aria-label={t.message}>
          {messages.map((m) => (
            <Bubble m={m} context={rows} send={send} />
          ))}
        </ol>
        {address ? (
          <>
            <form method="post" action={`${base}/send`} hx-post={`${base}/send`} {...swap} class="compose">
              <input type="hidden" name="csrf" value={actor.csrfToken} />
              <input type="hidden" name="channel" value={channel} />
              <label for="text">{t.message}</label>
              <input id="text" name="text" autocomplete="off" required maxlength={1600} />
              <button type="submit">{t.send}</button>
            </form>
            <form method="post" action={`${base}/send`} hx-post={`${base}/send`} {...swap} class="compose">
              <input type="hidden" name="csrf" value={actor.csrfToken} />
              <input type="hidden" name="channel" value={channel} />
              <input type="hidden" name="as" value="location" />
              <label for="location">{t.location}</label>
              <input id="location" name="text" autocomplete="off" required maxlength={500} placeholder="31.2304, 121.4737" />
              <button type="submit">{t.sendLocation}</button>
            </form>
          </>
        ) : null}
        <form method="post" action={`${base}/reset`} hx-post={`${base}/reset`} {...swap}>
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <input type="hidden" name="channel" value={channel} />
          <button type="submit" class="secondary">
            {t.resetDialogs}
          </button>
        </form>
      </section>
    </Shell>
  );
}

import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { Actor } from '../../domain/operators';
import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { ConversationView, PersonSummary, PersonView } from '../../domain/reads';
import { explainFailure } from './failures';
import { words } from './words';

/**
 * The console's pages, server-rendered with hono/jsx: type-checked templates whose text is escaped
 * by default (a message body `<script>` shows as text). htmx and our stylesheet come from the gateway.
 */
function Layout({ language, title, children }: { language: Language; title: string; children: Child }) {
  return (
    <html lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
      </head>
      <body>{children}</body>
    </html>
  );
}

/** The other language, in its own words: a form, so that it works without script. */
function LanguageSwitch({ language }: { language: Language }) {
  return (
    <form method="post" action="/console/language">
      <input type="hidden" name="language" value={language === 'zh' ? 'en' : 'zh'} />
      <button type="submit" class="link">
        {words[language].language}
      </button>
    </form>
  );
}

export function SignInPage({ language, error, email }: { language: Language; error: 'failed' | 'too-many' | null; email: string }) {
  const t = words[language];
  return (
    <Layout language={language} title={`${t.signIn} · ${t.title}`}>
      <main class="sign-in">
        <h1>{t.title}</h1>
        <form method="post" action="/console/sign-in">
          {error ? (
            <p class="error" role="alert">
              {error === 'failed' ? t.signInFailed : t.tooMany}
            </p>
          ) : null}
          <label for="email">{t.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email} />
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">{t.signIn}</button>
        </form>
        <LanguageSwitch language={language} />
      </main>
    </Layout>
  );
}

export type SignedIn = Extract<Actor, { kind: 'session' }>;

/** Every signed-in page: the bar (views, the language switch, sign-out) above its content. */
function Shell({
  language,
  actor,
  title,
  current,
  children,
}: {
  language: Language;
  actor: SignedIn;
  title: string;
  current: 'home' | 'people' | 'conversations';
  children: Child;
}) {
  const t = words[language];
  return (
    <Layout language={language} title={`${title} · ${t.title}`}>
      <header class="bar">
        <strong>{t.title}</strong>
        <nav aria-label={t.title}>
          <a href="/console" aria-current={current === 'home' ? 'page' : undefined}>
            {t.home}
          </a>
          <a href="/console/conversations" aria-current={current === 'conversations' ? 'page' : undefined}>
            {t.conversations}
          </a>
          <a href="/console/people" aria-current={current === 'people' ? 'page' : undefined}>
            {t.people}
          </a>
          <a href="/api/docs/">{t.apiReference}</a>
        </nav>
        <LanguageSwitch language={language} />
        <form method="post" action="/console/sign-out">
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{t.signOut}</button>
        </form>
      </header>
      <main>{children}</main>
    </Layout>
  );
}

/** A page that says why it shows nothing: a person not found, an action the role may not take. */
export function RefusedPage({ language, actor, message }: { language: Language; actor: SignedIn; message: string }) {
  return (
    <Shell language={language} actor={actor} title={message} current="home">
      <h1>{message}</h1>
      <p>
        <a href="/console">{words[language].home}</a>
      </p>
    </Shell>
  );
}

export function HomePage({ language, actor }: { language: Language; actor: SignedIn }) {
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={t.home} current="home">
      <h1>{t.home}</h1>
      <p class="who">
        {t.signedInAs} <strong>{actor.operator.email}</strong> ({t.role[actor.role]}
        {actor.person ? `, ${t.actingAs} ${actor.person}` : ''})
      </p>
      <p>{t.welcome}</p>
    </Shell>
  );
}

export function PeoplePage({ language, actor, search, people }: { language: Language; actor: SignedIn; search: string; people: PersonSummary[] }) {
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={t.people} current="people">
      <h1>{t.people}</h1>
      <form method="get" action="/console/people" class="search" role="search">
        <label for="q">{t.search}</label>
        <input id="q" name="q" type="search" value={search} />
        <button type="submit">{t.find}</button>
      </form>
      {people.length === 0 ? (
        <p>{t.nobody}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.roleHeading}</th>
              <th scope="col">{t.phone}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr>
                <td>
                  <a href={`/console/people/${encodeURIComponent(person.id)}`}>{person.name}</a>
                </td>
                <td>{person.role}</td>
                <td>{person.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Shell>
  );
}

export function PersonPage(props: {
  language: Language;
  actor: SignedIn;
  person: PersonView;
  messages: LoggedMessage[];
  mayAct: boolean;
  linkCode: { code: string; until: string } | null;
  /** the zone times are shown in */
  zone: string;
}) {
  const { language, actor, person, messages, mayAct, linkCode, zone } = props;
  const t = words[language];
  const rows: [string, string][] = [
    [t.roleHeading, person.role],
    [t.phone, person.phone ?? t.none],
    [t.telegram, person.telegramId ? `tg:${person.telegramId}` : t.none],
    [t.languageOf, person.language ?? t.none],
    [t.timezone, person.timezone ?? t.none],
    [t.dealer, person.dealer ?? t.none],
    [t.stores, person.stores.join(', ') || t.none],
    [t.servicePoint, person.servicePoint ?? t.none],
    [t.managers, person.managers.map((m) => m.name).join(' → ') || t.none],
    [t.optOuts, person.optOuts.map((o) => `${o.channel} ${o.address}`).join(', ') || t.none],
  ];
  return (
    <Shell language={language} actor={actor} title={person.name} current="people">
      <h1>{person.name}</h1>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      {linkCode ? (
        <p class="notice" role="status">
          {t.linkCodeMade(linkCode.code, linkCode.until)}
        </p>
      ) : null}
      {mayAct ? (
        <form method="post" action={`/console/people/${encodeURIComponent(person.id)}/link-code`}>
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{t.linkCode}</button>
        </form>
      ) : null}
      <h2>{t.lastMessages}</h2>
      <Thread language={language} messages={messages} zone={zone} />
    </Shell>
  );
}

/** Messages in and out, newest first: channel, status, when, and for a failure the provider's code in plain words. */
function Thread({ language, messages, zone }: { language: Language; messages: LoggedMessage[]; zone: string }) {
  const t = words[language];
  if (messages.length === 0) return <p>{t.noMessages}</p>;
  return (
    <ol class="thread">
      {messages.map((m) => (
        <li class={m.direction}>
          <span class="meta">
            {m.direction === 'in' ? '←' : '→'} {m.channel} · {m.status}
            {m.segments ? ` · ${m.segments} × ${m.encoding}` : ''} · {DateTime.fromJSDate(m.at, { zone }).toFormat('yyyy-MM-dd HH:mm')}
          </span>
          <span class="text">{m.text}</span>
          {m.errorCode ? (
            <span class="failure">
              {t.failedWith} {m.errorCode}: {explainFailure(m.errorCode, language) ?? m.errorMessage ?? ''}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function ConversationsPage(props: {
  language: Language;
  actor: SignedIn;
  filter: Record<string, string>;
  conversations: ConversationView[];
  zone: string;
}) {
  const { language, actor, filter, conversations, zone } = props;
  const t = words[language];
  const select = (name: string, label: string, any: string, options: string[]) => (
    <span>
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option value={option} selected={filter[name] === option}>
            {option}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <Shell language={language} actor={actor} title={t.conversations} current="conversations">
      <h1>{t.conversations}</h1>
      <form method="get" action="/console/conversations" class="filters" role="search">
        <span class="wide">
          <label for="q">{t.searchMessages}</label>
          <input id="q" name="q" type="search" value={filter.q ?? ''} />
        </span>
        {select('channel', t.channel, t.anyChannel, ['sms', 'telegram'])}
        {select('status', t.status, t.anyStatus, ['received', 'processed', 'pending', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'])}
        {select('kind', t.kind, t.anyKind, ['reply', 'approval', 'alert', 'order-status', 'ticket', 'reminder', 'dunning', 'birthday'])}
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
      {conversations.length === 0 ? (
        <p>{t.noConversations}</p>
      ) : (
        <ul class="conversations">
          {conversations.map((c) => (
            <li>
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
          ))}
        </ul>
      )}
    </Shell>
  );
}

export function ConversationPage(props: {
  language: Language;
  actor: SignedIn;
  peer: string;
  person: { id: string; name: string } | null;
  messages: LoggedMessage[];
  zone: string;
}) {
  const { language, actor, peer, person, messages, zone } = props;
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={person?.name ?? peer} current="conversations">
      <h1>{person ? <a href={`/console/people/${encodeURIComponent(person.id)}`}>{person.name}</a> : `${peer} (${t.unknownSender})`}</h1>
      <p class="who">{peer}</p>
      <Thread language={language} messages={messages} zone={zone} />
    </Shell>
  );
}

import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { Actor } from '../../domain/operators';
import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { PersonSummary, PersonView } from '../../domain/reads';
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
        <form method="post" action="/console/language">
          <input type="hidden" name="language" value={language === 'zh' ? 'en' : 'zh'} />
          <button type="submit" class="link">
            {t.language}
          </button>
        </form>
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
  current: 'home' | 'people';
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
          <a href="/console/people" aria-current={current === 'people' ? 'page' : undefined}>
            {t.people}
          </a>
          <a href="/api/docs/">{t.apiReference}</a>
        </nav>
        <form method="post" action="/console/language">
          <input type="hidden" name="language" value={language === 'zh' ? 'en' : 'zh'} />
          <button type="submit" class="link">
            {t.language}
          </button>
        </form>
        <form method="post" action="/console/sign-out">
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{t.signOut}</button>
        </form>
      </header>
      <main>{children}</main>
    </Layout>
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
      {messages.length === 0 ? (
        <p>{t.noMessages}</p>
      ) : (
        <ol class="thread">
          {messages.map((m) => (
            <li class={m.direction}>
              <span class="meta">
                {m.direction === 'in' ? '←' : '→'} {m.channel} · {m.status} · {DateTime.fromJSDate(m.at, { zone }).toFormat('yyyy-MM-dd HH:mm')}
              </span>
              <span class="text">{m.text}</span>
            </li>
          ))}
        </ol>
      )}
    </Shell>
  );
}

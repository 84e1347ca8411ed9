import type { Child } from 'hono/jsx';
import type { Language } from '../../domain/people';
import { mayDo, type Actor } from '../../domain/operators';
import { words } from './words';

/**
 * The frame of the console's pages, server-rendered with hono/jsx: type-checked templates whose
 * text is escaped by default (a message body `<script>` shows as text). htmx, the live view's
 * script and our stylesheet come from the gateway.
 */
function Layout({ language, title, scripts = [], children }: { language: Language; title: string; scripts?: string[]; children: Child }) {
  return (
    <html lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
        <script src="/console/assets/live.js" defer></script>
        {scripts.map((src) => (
          <script src={src} defer></script>
        ))}
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

/** The views in the bar, in its order. */
const views = [
  'home',
  'attention',
  'conversations',
  'approvals',
  'alerts',
  'outbox',
  'tickets',
  'field',
  'vehicles',
  'figures',
  'broadcasts',
  'simulator',
  'people',
  'imports',
  'queues',
] as const;
export type View = (typeof views)[number];
const pathOf: Record<View, string> = {
  home: '/console',
  attention: '/console/attention',
  conversations: '/console/conversations',
  approvals: '/console/approvals',
  alerts: '/console/alerts',
  outbox: '/console/outbox',
  tickets: '/console/tickets',
  vehicles: '/console/vehicles',
  figures: '/console/figures',
  broadcasts: '/console/broadcasts',
  field: '/console/field',
  queues: '/console/queues',
  imports: '/console/imports',
  simulator: '/console/simulator',
  people: '/console/people',
};

/** Every signed-in page: the bar (views, the language switch, sign-out) above its content. */
export function Shell(props: { language: Language; actor: SignedIn; title: string; current: View; scripts?: string[]; children: Child }) {
  const { language, actor, title, current, scripts, children } = props;
  const t = words[language];
  return (
    <Layout language={language} title={`${title} · ${t.title}`} scripts={scripts}>
      <header class="bar">
        <strong>{t.title}</strong>
        <nav aria-label={t.title}>
          {views
            .filter((view) => (view !== 'queues' && view !== 'imports') || mayDo(actor.role, 'admin'))
            .map((view) => (
              <a href={pathOf[view]} aria-current={current === view ? 'page' : undefined}>
                {view === 'field' ? t.fieldReports : t[view]}
              </a>
            ))}
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

/** What an action did, or why it did not: a status line, or an alert when it failed. */
export type PageNotice = { error: boolean; text: string } | null;
export function Notice({ notice }: { notice: PageNotice }) {
  if (!notice) return null;
  return (
    <p class={notice.error ? 'error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
      {notice.text}
    </p>
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

/** A range of days for a view (`from`, `to`), sent by GET, so that a range is a link. */
export function DayRangeForm({ action, range, language }: { action: string; range: { from: string; to: string }; language: Language }) {
  const t = words[language];
  return (
    <form method="get" action={action} class="filters">
      <label>
        {t.fromDay} <input type="date" name="from" value={range.from} required />
      </label>
      <label>
        {t.toDay} <input type="date" name="to" value={range.to} required />
      </label>
      <button type="submit">{t.show}</button>
    </form>
  );
}

/** A search over a list: its text in `q`, sent by GET, so that a search is a link. */
export function SearchForm({ action, label, search, find }: { action: string; label: string; search: string; find: string }) {
  return (
    <form method="get" action={action} class="search" role="search">
      <label for="q">{label}</label>
      <input id="q" name="q" type="search" value={search} />
      <button type="submit">{find}</button>
    </form>
  );
}

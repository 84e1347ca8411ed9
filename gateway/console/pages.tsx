import type { Child } from 'hono/jsx';
import type { Language } from '../../domain/people';
import type { Actor } from '../../domain/operators';
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

type SignedIn = Extract<Actor, { kind: 'session' }>;

export function HomePage({ language, actor }: { language: Language; actor: SignedIn }) {
  const t = words[language];
  return (
    <Layout language={language} title={`${t.home} · ${t.title}`}>
      <header class="bar">
        <strong>{t.title}</strong>
        <nav aria-label={t.title}>
          <a href="/console" aria-current="page">
            {t.home}
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
      <main>
        <h1>{t.home}</h1>
        <p class="who">
          {t.signedInAs} <strong>{actor.operator.email}</strong> ({t.role[actor.role]}
          {actor.person ? `, ${t.actingAs} ${actor.person}` : ''})
        </p>
        <p>{t.welcome}</p>
      </main>
    </Layout>
  );
}

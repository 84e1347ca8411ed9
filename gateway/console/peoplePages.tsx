import type { LoggedMessage } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import type { PersonSummary, PersonView } from '../../domain/reads';
import { SearchForm, Shell, type SignedIn } from './layout';
import { Thread, type RowContext } from './thread';
import { words } from './words';

export function PeoplePage({ language, actor, search, people }: { language: Language; actor: SignedIn; search: string; people: PersonSummary[] }) {
  const t = words[language];
  return (
    <Shell language={language} actor={actor} title={t.people} current="people">
      <h1>{t.people}</h1>
      <SearchForm action="/console/people" label={t.search} search={search} find={t.find} />
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
                <td>{t.personRole[person.role as keyof typeof t.personRole] ?? person.role}</td>
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
  rows: RowContext;
}) {
  const { language, actor, person, messages, mayAct, linkCode, rows: context } = props;
  const t = words[language];
  const rows: [string, string][] = [
    [t.roleHeading, t.personRole[person.role as keyof typeof t.personRole] ?? person.role],
    [t.phone, person.phone ?? t.none],
    [t.telegram, person.telegramId ? `tg:${person.telegramId}` : t.none],
    [t.wechat, person.wechatId ? `wx:${person.wechatId}` : t.none],
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
      <p>
        <a href={`/console/simulator/${encodeURIComponent(person.id)}`}>{t.simulator}</a>
      </p>
      <Thread messages={messages} context={context} />
    </Shell>
  );
}

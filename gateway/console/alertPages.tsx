import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { AlertView } from '../../domain/reads';
import type { Child } from 'hono/jsx';
import { Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

/**
 * Open alerts, those still climbing first: what and whose, who holds it now, when it climbs next,
 * and the trail of who was told at each level. Acknowledge and resolve where the operator's linked
 * person is the owner or above them.
 */
export interface AlertListProps {
  language: Language;
  actor: SignedIn;
  alerts: AlertView[];
  mayAct: boolean;
  zone: string;
}

/** The list itself: the live view replaces it whole (#alert-list) when one of its rows changes. */
export function AlertList(props: AlertListProps) {
  const { language, actor, alerts, mayAct, zone } = props;
  const t = words[language];
  const a = t.alert;
  const when = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const form = (id: string, action: 'ack' | 'resolve', label: string) => (
    <form method="post" action={`/console/alerts/${id}/${action}`}>
      <input type="hidden" name="csrf" value={actor.csrfToken} />
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <div id="alert-list">
      {alerts.length === 0 ? <p class="empty">{a.none}</p> : null}
      <ul class="alerts">
        {alerts.map((alert) => {
          const mine = mayAct && actor.person !== null && alert.chain.includes(actor.person);
          return (
            <li id={`alert-${alert.id}`} class={alert.acknowledged ? 'acknowledged' : 'climbing'}>
              <h2>{a.heading(alert.id, a.kind[alert.kind] ?? alert.kind, alert.subject)}</h2>
              <p class="meta">
                {a.raised(when(alert.raisedAt))} · {a.ownedBy} {alert.owner.name} · {a.heldBy(alert.holder.name, alert.level)}
              </p>
              <p class="state">
                {alert.acknowledged
                  ? a.acknowledgedBy(alert.acknowledged.by, when(alert.acknowledged.at))
                  : alert.deadline
                    ? a.nextLevel(when(alert.deadline))
                    : a.top}
              </p>
              <p class="meta">{a.trail}:</p>
              <ol class="trail">
                {alert.trail.length === 0 ? <li>{a.nobodyTold}</li> : null}
                {alert.trail.map((step) => (
                  <li>{a.told(step.level, step.person, when(step.at), step.status)}</li>
                ))}
              </ol>
              {mine ? (
                <div class="actions">
                  {alert.acknowledged ? null : form(alert.id, 'ack', a.acknowledge)}
                  {form(alert.id, 'resolve', a.resolve)}
                </div>
              ) : mayAct && actor.person ? (
                <p class="meta">{a.notYours}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function AlertsPage(props: AlertListProps & { notice: PageNotice; live: Child }) {
  const t = words[props.language];
  return (
    <Shell language={props.language} actor={props.actor} title={t.alerts} current="alerts">
      <h1>{t.alerts}</h1>
      {props.live}
      <Notice notice={props.notice} />
      <AlertList {...props} />
    </Shell>
  );
}

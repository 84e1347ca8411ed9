import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { BoardTicket } from '../../domain/reads';
import type { TicketPriority } from '../../domain/tickets';
import { Notice, Shell, type PageNotice, type SignedIn } from './layout';
import { words } from './words';

export const boardColumns = ['new', 'assigned', 'in_progress', 'done'] as const;
export type BoardColumn = (typeof boardColumns)[number];
export const columnOf = (ticket: BoardTicket): BoardColumn =>
  ticket.status === 'open' ? 'new' : ticket.status === 'assigned' || ticket.status === 'in_progress' ? ticket.status : 'done';

/** How long a ticket not yet started has before its target (TICKET_TARGET_HOURS), in hours; negative when late; null once started. */
export const hoursLeft = (ticket: BoardTicket, targets: Record<TicketPriority, number>, now: Date): number | null =>
  ticket.startedAt || columnOf(ticket) === 'done' ? null : targets[ticket.priority] - (now.getTime() - ticket.createdAt.getTime()) / 3_600_000;

export interface BoardFilter {
  servicePoint: string | null;
  /** late: past the target; soon: within 4 hours of it, or past */
  sla: 'late' | 'soon' | null;
}

/** One ticket's card: what, whose, where it stands against its target, and what the operator may do. */
export function TicketCard(props: {
  ticket: BoardTicket;
  language: Language;
  actor: SignedIn;
  mayAct: boolean;
  points: { code: string; name: string }[];
  left: number | null;
  zone: string;
}) {
  const { ticket, language, actor, mayAct, points, left, zone } = props;
  const k = words[language].ticket;
  const filed = DateTime.fromJSDate(ticket.createdAt, { zone }).toFormat('MM-dd HH:mm');
  return (
    <li id={`ticket-${ticket.number}`} class={`card${ticket.priority === 'urgent' ? ' urgent' : ''}${left !== null && left < 0 ? ' late' : ''}`}>
      <h3>
        {k.heading(ticket.number, ticket.sku)}
        {ticket.priority === 'urgent' ? <span class="badge">{k.urgent}</span> : null}
      </h3>
      <p>{ticket.description}</p>
      <p class="meta">
        {k.filedBy} {ticket.filer.name} · {filed}
        {ticket.serial ? ` · ${k.serial} ${ticket.serial}` : ''}
      </p>
      <p class="meta">{ticket.servicePoint ? ticket.servicePoint.name : k.unassigned}</p>
      {left !== null ? <p class={left < 0 ? 'sla late' : 'sla'}>{left < 0 ? k.lateBy((-left).toFixed(1)) : k.left(left.toFixed(1))}</p> : null}
      {ticket.lastUpdate ? (
        <p class="meta">
          {k.lastUpdate}: {ticket.lastUpdate}
        </p>
      ) : null}
      <p class="links">
        {ticket.filer.peer ? <a href={`/console/conversations/${encodeURIComponent(ticket.filer.peer)}`}>{k.conversation}</a> : null}
        {ticket.photo ? <a href={`/console/tickets/${ticket.number}/photo`}>{k.photo}</a> : null}
      </p>
      {mayAct && ticket.status === 'open' ? (
        <form method="post" action={`/console/tickets/${ticket.number}/assign`} class="inline">
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <select name="servicePoint" aria-label={k.assignTo} required>
            {points.map((p) => (
              <option value={p.code} selected={ticket.servicePoint?.code === p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit">{k.assign}</button>
        </form>
      ) : null}
      {mayAct && ticket.status === 'resolved' ? (
        <form method="post" action={`/console/tickets/${ticket.number}/close`} class="inline">
          <input type="hidden" name="csrf" value={actor.csrfToken} />
          <button type="submit">{k.close}</button>
        </form>
      ) : null}
    </li>
  );
}

/** What the board shows: its tickets with what the operator may do, against their targets. */
export interface BoardProps {
  language: Language;
  actor: SignedIn;
  filter: BoardFilter;
  tickets: BoardTicket[];
  points: { code: string; name: string }[];
  targets: Record<TicketPriority, number>;
  mayAct: boolean;
  zone: string;
  now: Date;
}

/** The board's columns, each urgent first and then the nearest to its target; the live view replaces it whole when a ticket changes. */
export function TicketBoard(props: BoardProps) {
  const { language, actor, filter, tickets, points, targets, mayAct, zone, now } = props;
  const k = words[language].ticket;
  const cards = tickets
    .map((ticket) => ({ ticket, left: hoursLeft(ticket, targets, now) }))
    .filter(({ left }) => filter.sla === null || (left !== null && left < (filter.sla === 'late' ? 0 : 4)))
    .sort((a, b) => Number(b.ticket.priority === 'urgent') - Number(a.ticket.priority === 'urgent') || (a.left ?? Infinity) - (b.left ?? Infinity));
  return (
    <div class="board" id="board">
      {boardColumns.map((column) => {
        const here = cards.filter(({ ticket }) => columnOf(ticket) === column);
        return (
          <section aria-labelledby={`column-${column}`}>
            <h2 id={`column-${column}`}>
              {k.columns[column]} <span class="count">{here.length}</span>
            </h2>
            <ul data-column={column}>
              {here.length === 0 ? <li class="empty">{k.none}</li> : null}
              {here.map(({ ticket, left }) => (
                <TicketCard ticket={ticket} language={language} actor={actor} mayAct={mayAct} points={points} left={left} zone={zone} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/**
 * The service board: new, assigned, in progress and done, filtered by service point and by how
 * late; it follows the tickets live.
 */
export function TicketsPage(props: BoardProps & { notice: PageNotice; live: Child }) {
  const { language, actor, filter, points, notice, live } = props;
  const t = words[language];
  const k = t.ticket;
  return (
    <Shell language={language} actor={actor} title={t.tickets} current="tickets">
      <h1>{t.tickets}</h1>
      {live}
      <Notice notice={notice} />
      <form method="get" action="/console/tickets" class="filters">
        <select name="servicePoint" aria-label={k.servicePoint}>
          <option value="">{k.anyPoint}</option>
          {points.map((p) => (
            <option value={p.code} selected={filter.servicePoint === p.code}>
              {p.name}
            </option>
          ))}
        </select>
        <select name="sla" aria-label={k.sla}>
          <option value="">{k.anySla}</option>
          <option value="soon" selected={filter.sla === 'soon'}>
            {k.soon}
          </option>
          <option value="late" selected={filter.sla === 'late'}>
            {k.late}
          </option>
        </select>
        <button type="submit">{k.show}</button>
      </form>
      <TicketBoard {...props} />
    </Shell>
  );
}

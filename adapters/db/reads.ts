import type {
  AlertView,
  ApprovalView,
  OperatorReads,
  PersonSummary,
  PersonView,
  PingView,
  SellOutReportView,
  SellOutTotal,
  CheckInView,
  TicketView,
  VehicleView,
} from '../../domain/reads';
import { boardTicket, servicePoints, ticketBoard, vehicleBoard } from './boardReads';
import { outboxRows } from './outboxReads';
import type { Sql } from './sql';

/** The operators' listings and figures over SQL (domain/reads.ts). */
export function sqlOperatorReads(sql: Sql): OperatorReads {
  return {
    async sellOutTotals({ from, to }, groupBy) {
      const key = { store: 'r.store', sku: 'l.sku', region: "coalesce(d.region, 'none')" }[groupBy];
      return sql.query<SellOutTotal>(
        `select ${key} as key, sum(l.qty)::int as units, sum(l.qty * l.unit_price)::float8 as value, count(distinct r.id)::int as reports,
                count(distinct r.id) filter (where r.flags <> '[]'::jsonb and r.accepted_at is null and r.rejected_at is null)::int as "flaggedUnaccepted"
           from sell_out_reports r join sell_out_lines l on l.report = r.id
           join stores s on s.code = r.store left join dealers d on d.code = s.dealer
          where r.replaced_at is null and r.day between $1::date and $2::date
          group by 1 order by 1`,
        [from, to],
      );
    },
    async sellOutReports({ from, to }, flagged) {
      return sql.query<SellOutReportView>(
        `select r.id::text, r.person, r.store, to_char(r.day, 'YYYY-MM-DD') as day, r.submitted_at as "submittedAt", r.flags,
                r.accepted_at as "acceptedAt", r.accepted_by as "acceptedBy",
                (select json_agg(json_build_object('sku', l.sku, 'qty', l.qty, 'unitPrice', l.unit_price::float8) order by l.sku) from sell_out_lines l where l.report = r.id) as lines
           from sell_out_reports r
          where r.replaced_at is null and r.day between $1::date and $2::date
            and ($3::boolean is null or ($3 = (r.flags <> '[]'::jsonb and r.accepted_at is null and r.rejected_at is null)))
          order by r.day, r.store`,
        [from, to, flagged],
      );
    },
    async checkIns({ from, to }, flagged, zone) {
      return sql.query<CheckInView>(
        `select c.id::text, c.person, c.store, c.opened_at as "openedAt", c.closed_at as "closedAt", c.close_reason as "closeReason",
                c.distance_m as "distanceM", c.flagged, c.shift_start as "shiftStart", c.late_minutes as "lateMinutes", c.off_roster as "offRoster"
           from checkins c
          where (c.opened_at at time zone $4)::date between $1::date and $2::date and ($3::boolean is null or c.flagged = $3)
          order by c.opened_at`,
        [from, to, flagged, zone],
      );
    },
    async tickets({ status, servicePoint }) {
      return sql.query<TicketView>(
        `select number, filed_by as "filedBy", dealer, sku, serial, description, priority, status, service_point as "servicePoint",
                last_update as "lastUpdate", created_at as "createdAt", assigned_at as "assignedAt", started_at as "startedAt",
                resolved_at as "resolvedAt", closed_at as "closedAt"
           from tickets where ($1::text is null or status = $1) and ($2::text is null or service_point = $2)
          order by created_at, number limit 1000`,
        [status, servicePoint],
      );
    },
    async serviceTimes(from, to) {
      const rows = await sql.query<{
        service_point: string;
        tickets: number;
        response_p50: number | null;
        response_p90: number | null;
        resolution_p50: number | null;
        resolution_p90: number | null;
      }>(
        `select service_point, count(*)::int as tickets,
                percentile_cont(0.5) within group (order by extract(epoch from started_at - created_at) / 3600) as response_p50,
                percentile_cont(0.9) within group (order by extract(epoch from started_at - created_at) / 3600) as response_p90,
                percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at) / 3600) as resolution_p50,
                percentile_cont(0.9) within group (order by extract(epoch from resolved_at - created_at) / 3600) as resolution_p90
           from tickets where service_point is not null and created_at >= $1 and created_at < $2
          group by service_point order by service_point`,
        [from, to],
      );
      const hours = (value: number | null) => (value === null ? null : Math.round(Number(value) * 100) / 100);
      return rows.map((r) => ({
        servicePoint: r.service_point,
        tickets: r.tickets,
        responseHours: { median: hours(r.response_p50), p90: hours(r.response_p90) },
        resolutionHours: { median: hours(r.resolution_p50), p90: hours(r.resolution_p90) },
      }));
    },
    async fleet() {
      return sql.query<VehicleView>(
        `select v.driver as id, p.name as driver, v.lat, v.lon, v.reported_at as "reportedAt", v.live_until as "liveUntil",
                (select json_build_object('order', o.number, 'eta', o.eta, 'nextStop', (select s.name from delivery_stops s where s.order_number = o.number and s.done_at is null order by s.seq limit 1))
                   from orders o where o.driver = v.driver and o.status = 'shipped'
                    and exists (select 1 from delivery_stops s where s.order_number = o.number and s.done_at is null)
                   order by o.updated_at limit 1) as delivery
           from vehicle_positions v join people p on p.id = v.driver order by v.driver`,
      );
    },
    async conversations(filter) {
      const rows = await sql.query<{
        peer: string;
        channel: string;
        person_id: string | null;
        name: string | null;
        direction: 'in' | 'out';
        text: string;
        status: string;
        at: Date;
        messages: number;
      }>(
        `with log as (
           select sender as peer, channel, 'in' as direction, body as text, status, null::text as kind, received_at as at from inbox
           union all
           select recipient, channel, 'out', body, status, kind, created_at from outbox),
         people_by_peer as (
           select phone as peer, id, name from people where phone is not null
           union all select 'tg:' || telegram_id, id, name from people where telegram_id is not null
           union all select 'wx:' || wechat_id, id, name from people where wechat_id is not null),
         matching as (
           select log.*, p.id as person_id, p.name from log left join people_by_peer p on p.peer = log.peer
            where ($1::text is null or log.text ilike '%' || $1 || '%' or log.peer like '%' || $1 || '%' or p.name ilike '%' || $1 || '%')
              and ($2::text is null or log.channel = $2) and ($3::text is null or log.status = $3) and ($4::text is null or log.kind = $4)
              and ($5::date is null or (log.at at time zone $7)::date >= $5::date) and ($6::date is null or (log.at at time zone $7)::date <= $6::date)
              and ($8::text is null or log.peer = $8))
         select distinct on (peer) peer, channel, person_id, name, direction, text, status, at, count(*) over (partition by peer)::int as messages
           from matching order by peer, at desc`,
        [filter.search, filter.channel, filter.status, filter.kind, filter.from, filter.to, filter.zone, filter.peer ?? null],
      );
      return rows
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
        .slice(0, filter.limit)
        .map((r) => ({
          peer: r.peer,
          channel: r.channel,
          person: r.person_id ? { id: r.person_id, name: r.name! } : null,
          last: { direction: r.direction, text: r.text, status: r.status, at: new Date(r.at) },
          messages: r.messages,
        }));
    },
    async people(search, limit) {
      return sql.query<PersonSummary>(
        `select id, name, role, phone, telegram_id as "telegramId", wechat_id as "wechatId", language from people
          where $1::text is null or name ilike '%' || $1 || '%' or id ilike '%' || $1 || '%' or phone like '%' || $1 || '%' or role = lower($1)
          order by name limit $2`,
        [search, limit],
      );
    },
    async person(id) {
      const [row] = await sql.query<Omit<PersonView, 'managers' | 'optOuts'>>(
        `select p.id, p.name, p.role, p.phone, p.telegram_id as "telegramId", p.wechat_id as "wechatId", p.language, p.timezone, p.dealer, p.service_point as "servicePoint",
                coalesce((select array_agg(ps.store order by ps.store) from person_stores ps where ps.person = p.id), '{}') as stores
           from people p where p.id = $1`,
        [id],
      );
      if (!row) return null;
      const managers = await sql.query<{ id: string; name: string }>(
        `with recursive chain(id, depth) as (select manager, 1 from people where id = $1 and manager is not null
           union all select p.manager, c.depth + 1 from people p join chain c on p.id = c.id where p.manager is not null and c.depth < 20)
         select p.id, p.name from chain c join people p on p.id = c.id order by c.depth`,
        [id],
      );
      const optOuts = await sql.query<PersonView['optOuts'][number]>(
        `select channel, address, reason, opted_out_at as at from contact_opt_outs where address = any($1::text[]) order by channel`,
        [[row.phone, row.telegramId ? `tg:${row.telegramId}` : null, row.wechatId ? `wx:${row.wechatId}` : null].filter(Boolean)],
      );
      return { ...row, managers, optOuts };
    },
    async approvals() {
      const rows = await sql.query<{
        of: ApprovalView['of'];
        number: string;
        about: ApprovalView['about'];
        dealer: ApprovalView['dealer'];
        requester: ApprovalView['requester'];
        reason: ApprovalView['reason'];
        lines: ApprovalView['lines'] | null;
        total: number | null;
        since: Date;
        chain: ApprovalView['chain'] | null;
      }>(approvalsWaiting);
      return rows.map((row) => ({
        ...row,
        since: new Date(row.since),
        lines: row.lines ?? [],
        total: row.total ?? Math.round((row.lines ?? []).reduce((sum, l) => sum + l.qty * l.price, 0) * 100) / 100,
        chain: row.chain ?? [],
      }));
    },
    outbox: (filter) => outboxRows(sql, filter),
    ticketBoard: (filter) => ticketBoard(sql, filter),
    boardTicket: (number) => boardTicket(sql, number),
    servicePoints: () => servicePoints(sql),
    vehicleBoard: (drivers) => vehicleBoard(sql, drivers),
    async openAlerts() {
      const rows = await sql.query<Omit<AlertView, 'trail' | 'chain'> & { trail: AlertView['trail'] | null; chain: string[] | null }>(
        `select a.id::text, a.kind, a.subject, a.details, a.level, a.raised_at as "raisedAt", a.deadline,
                json_build_object('id', o.id, 'name', o.name) as owner, json_build_object('id', h.id, 'name', h.name) as holder,
                case when a.acknowledged_at is null then null else json_build_object('by', k.name, 'at', a.acknowledged_at) end as acknowledged,
                (select json_agg(json_build_object('level', split_part(m.dedupe_key, ':', 3)::int, 'person', coalesce(p.name, m.recipient),
                                                   'at', coalesce(m.sent_at, m.not_before, m.created_at), 'status', m.status) order by m.id)
                   from outbox m left join people p on p.id = m.person where m.dedupe_key like 'alert:' || a.id || ':%') as trail,
                (with recursive chain(id, depth) as (select a.owner, 0
                   union all select p.manager, c.depth + 1 from people p join chain c on p.id = c.id where p.manager is not null and c.depth < 20)
                 select json_agg(id order by depth) from chain) as chain
           from alerts a join people o on o.id = a.owner join people h on h.id = a.holder left join people k on k.id = a.acknowledged_by
          where a.resolved_at is null
          order by a.acknowledged_at is not null, a.deadline nulls last, a.raised_at`,
      );
      return rows.map((row) => ({
        ...row,
        raisedAt: new Date(row.raisedAt),
        deadline: row.deadline ? new Date(row.deadline) : null,
        acknowledged: row.acknowledged ? { by: row.acknowledged.by, at: new Date(row.acknowledged.at) } : null,
        trail: (row.trail ?? []).map((step) => ({ ...step, at: new Date(step.at) })),
        chain: row.chain ?? [],
      }));
    },
    async track(driver, from, to) {
      if ((await sql.query('select 1 from people where id = $1 and role = $2', [driver, 'driver'])).length === 0) return null;
      return sql.query<PingView>(
        `select lat, lon, accuracy_m as "accuracyM", speed_kmh as "speedKmh", reported_at as "reportedAt", received_at as "receivedAt", form
           from pings where driver = $1 and reported_at >= $2 and reported_at < $3 order by reported_at, id`,
        [driver, from, to],
      );
    },
  };
}

/** The managers above a person (alias r), nearest first, as JSON. */
const chainOf = `(with recursive chain(id, depth) as (select r.manager, 1 where r.manager is not null
                   union all select m.manager, c.depth + 1 from people m join chain c on m.id = c.id where m.manager is not null and c.depth < 20)
                 select json_agg(json_build_object('id', p.id, 'name', p.name) order by c.depth) from chain c join people p on p.id = c.id)`;
const dealerFigures = (
  except: string,
) => `json_build_object('code', d.code, 'name', d.name, 'creditLimit', d.credit_limit::float8, 'balance', d.balance::float8,
  'otherOpenValue', coalesce((select sum(l.qty * l.price) from orders x join order_lines l on l.order_number = x.number
                               where x.dealer = d.code and x.number <> ${except} and x.status in ('pending_approval', 'approved', 'shipped')), 0)::float8)`;
const requesterOf = `case when r.id is null then null else json_build_object('id', r.id, 'name', r.name) end`;

/** Orders, returns and rebate applications waiting for approval, longest waiting first. */
const approvalsWaiting = `
  select 'order' as of, o.number, null::json as about, o.approval_reason as reason, o.created_at as since, ${dealerFigures('o.number')} as dealer,
         ${requesterOf} as requester,
         (select json_agg(json_build_object('sku', l.sku, 'name', p.name, 'nameZh', p.name_zh, 'qty', l.qty, 'price', l.price::float8) order by l.line_no)
            from order_lines l join products p on p.sku = l.sku where l.order_number = o.number) as lines,
         null::float8 as total, ${chainOf} as chain
    from orders o join dealers d on d.code = o.dealer left join people r on r.id = o.requested_by
   where o.status = 'pending_approval'
  union all
  select 'return', x.number, json_build_object('order', x.order_number, 'reason', x.reason), null, x.created_at, ${dealerFigures("''")},
         ${requesterOf},
         (select json_agg(json_build_object('sku', l.sku, 'name', p.name, 'nameZh', p.name_zh, 'qty', l.qty, 'price', l.price::float8) order by l.sku)
            from return_lines l join products p on p.sku = l.sku where l.return_number = x.number),
         null, ${chainOf}
    from returns x join dealers d on d.code = x.dealer left join people r on r.id = x.requested_by
   where x.status = 'pending_approval'
  union all
  select 'rebate', b.number, json_build_object('policy', rp.name, 'period', b.period), null, b.created_at, ${dealerFigures("''")},
         ${requesterOf}, null, b.amount::float8, ${chainOf}
    from rebates b join rebate_policies rp on rp.code = b.policy join dealers d on d.code = b.dealer left join people r on r.id = b.person
   where b.status = 'pending_approval'
  order by since, number`;

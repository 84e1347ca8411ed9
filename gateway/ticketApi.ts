import type { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { canMoveTicket, ticketStatuses, type TicketStatus } from '../domain/tickets';
import { enqueueOutbound } from '../adapters/queue/queues';
import { noticeTicketAssigned } from '../commands/ticketNotices';
import { reachableChannels } from './config';
import { HttpError, parse, route } from './http';
import type { Runtime } from './runtime';

const listQuery = z.object({ status: z.enum(ticketStatuses).optional(), servicePoint: z.string().min(1).optional() });
const moveRequest = z.union([
  z.object({ status: z.literal('assigned'), servicePoint: z.string().min(1) }),
  z.object({ status: z.enum(['closed', 'cancelled']), note: z.string().max(500).optional() }),
]);
const kpiQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') });

/** The service desk's routes: tickets by status and service point, closing them, and the service KPIs. */
export function ticketRoutes(router: Router, runtime: Runtime): void {
  const { sql, config } = runtime;

  router.get('/tickets', route(async (req, res) => {
    const query = parse(listQuery, req.query);
    const tickets = await sql.query(
      `select number, filed_by as "filedBy", dealer, sku, serial, description, priority, status, service_point as "servicePoint",
              last_update as "lastUpdate", created_at as "createdAt", assigned_at as "assignedAt", started_at as "startedAt",
              resolved_at as "resolvedAt", closed_at as "closedAt"
         from tickets where ($1::text is null or status = $1) and ($2::text is null or service_point = $2)
        order by created_at, number limit 1000`,
      [query.status ?? null, query.servicePoint ?? null],
    );
    res.json({ tickets });
  }));

  router.post('/tickets/:number/status', route(async (req, res) => {
    const input = parse(moveRequest, req.body);
    const number = String(req.params.number);
    const moved = await runtime.store.transaction(async (tx) => {
      const ticket = await tx.tickets.byNumber(number);
      if (!ticket) throw new HttpError(404, 'NOT_FOUND', `no ticket ${number}`);
      if (!canMoveTicket(ticket.status, input.status as TicketStatus)) throw new HttpError(409, 'TICKET_STATUS', `ticket ${number} cannot move from ${ticket.status} to ${input.status}`);
      if (input.status === 'assigned') {
        if (!(await tx.tickets.servicePoints()).some((p) => p.code === input.servicePoint)) throw new HttpError(400, 'BAD_REQUEST', `no service point ${input.servicePoint}`);
        await tx.tickets.move(number, 'assigned', runtime.clock.now(), { servicePoint: input.servicePoint });
        return { from: ticket.status, outboxIds: await noticeTicketAssigned(tx, number, { reachable: reachableChannels(config) }) };
      }
      await tx.tickets.move(number, input.status, runtime.clock.now(), { note: input.note ?? null });
      return { from: ticket.status, outboxIds: [] };
    });
    await enqueueOutbound(runtime.queues, moved.outboxIds);
    res.json({ number, from: moved.from, status: input.status });
  }));

  /** Response (filed → started) and resolution (filed → resolved) times by service point, in hours: median and 90th percentile. */
  router.get('/reports/service-kpi', route(async (req, res) => {
    const { month } = parse(kpiQuery, req.query);
    const start = DateTime.fromISO(`${month}-01`, { zone: config.defaultTimezone });
    const rows = await sql.query<{ service_point: string; tickets: number; response_p50: number | null; response_p90: number | null; resolution_p50: number | null; resolution_p90: number | null }>(
      `select service_point, count(*)::int as tickets,
              percentile_cont(0.5) within group (order by extract(epoch from started_at - created_at) / 3600) as response_p50,
              percentile_cont(0.9) within group (order by extract(epoch from started_at - created_at) / 3600) as response_p90,
              percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at) / 3600) as resolution_p50,
              percentile_cont(0.9) within group (order by extract(epoch from resolved_at - created_at) / 3600) as resolution_p90
         from tickets where service_point is not null and created_at >= $1 and created_at < $2
        group by service_point order by service_point`,
      [start.toJSDate(), start.plus({ months: 1 }).toJSDate()],
    );
    const hours = (value: number | null) => (value === null ? null : Math.round(Number(value) * 100) / 100);
    res.json({
      month,
      servicePoints: rows.map((r) => ({
        servicePoint: r.service_point,
        tickets: r.tickets,
        responseHours: { median: hours(r.response_p50), p90: hours(r.response_p90) },
        resolutionHours: { median: hours(r.resolution_p50), p90: hours(r.resolution_p90) },
      })),
    });
  }));
}

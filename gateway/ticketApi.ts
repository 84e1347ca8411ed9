import { DateTime } from 'luxon';
import { z } from 'zod';
import { ticketStatuses } from '../domain/tickets';
import { desk, moveTicket } from '../commands/deskActions';
import { orRefuse } from './errors';
import { audited } from './operatorApi';
import type { ApiRoutes } from './openapi';
import { deskOptions, type Runtime } from './runtime';

const listQuery = z.object({ status: z.enum(ticketStatuses).optional(), servicePoint: z.string().min(1).optional() });
const moveRequest = z.union([
  z.object({ status: z.literal('assigned'), servicePoint: z.string().min(1) }),
  z.object({ status: z.enum(['closed', 'cancelled']), note: z.string().max(500).optional() }),
]);
const kpiQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') });

/** The service desk's routes: tickets by status and service point, closing them, and the service KPIs. */
export function ticketRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { reads, config } = runtime;

  api.get('/tickets', { summary: 'Tickets by status and service point', tag: 'tickets', access: 'read', query: listQuery }, async (_req, res, { query }) => {
    res.json({ tickets: await reads.tickets({ status: query.status ?? null, servicePoint: query.servicePoint ?? null }) });
  });

  api.post(
    '/tickets/:number/status',
    {
      summary: 'Assigns a ticket to a service point (the filer and technicians are told), or closes or cancels it',
      tag: 'tickets',
      access: 'act',
      body: moveRequest,
    },
    async (req, res, { body: input }) => {
      const move = input.status === 'assigned' ? { to: input.status, servicePoint: input.servicePoint } : { to: input.status, note: input.note ?? null };
      const moved = orRefuse(await desk(runtime.store, (tx) => moveTicket(tx, String(req.params.number), move, deskOptions(runtime))));
      audited(res, {
        subject: `ticket ${moved.number}`,
        before: { status: moved.from },
        after: { status: moved.to, ...('servicePoint' in move ? { servicePoint: move.servicePoint } : {}) },
      });
      res.json({ number: moved.number, from: moved.from, status: moved.to });
    },
  );

  /** Response (filed → started) and resolution (filed → resolved) times by service point, in hours: median and 90th percentile. */
  api.get(
    '/reports/service-kpi',
    { summary: 'Response and resolution hours by service point: median and 90th percentile', tag: 'tickets', access: 'read', query: kpiQuery },
    async (_req, res, { query: { month } }) => {
      const start = DateTime.fromISO(`${month}-01`, { zone: config.defaultTimezone });
      res.json({ month, servicePoints: await runtime.reports.reads.serviceTimes(start.toJSDate(), start.plus({ months: 1 }).toJSDate()) });
    },
  );
}

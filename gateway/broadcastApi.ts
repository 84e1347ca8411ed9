import { z } from 'zod';
import { maxDaysAhead, prepareBroadcast, type BroadcastPreview } from '../domain/broadcasts';
import type { Actor } from '../domain/operators';
import type { Result } from '../domain/result';
import { mayDo } from '../domain/operators';
import { languages, roles } from '../domain/people';
import { actorOf } from './auth';
import { orRefuse } from './errors';
import { HttpError } from './http';
import { audited } from './operatorApi';
import type { ApiRoutes } from './openapi';
import { releaseDue } from './pipeline';
import { commandOptions, type Runtime } from './runtime';

const codes = z.array(z.string().min(1).max(64)).max(10_000).optional();
export const broadcastRequest = z
  .object({
    texts: z.object(Object.fromEntries(languages.map((language) => [language, z.string().max(2000).optional()]))).strict(),
    audience: z.object({ roles: z.array(z.enum(roles)).optional(), regions: codes, dealers: codes, tiers: codes, stores: codes, people: codes }).strict(),
    sendAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

export type BroadcastBody = z.infer<typeof broadcastRequest>;

/**
 * A broadcast checked, previewed for the audience within the actor's authority (an admin: whom the
 * audience names; anyone else: the people under the person they are linked to), and kept with its
 * recipients to confirm: the API's and the console's one way.
 */
export async function previewAndKeep(runtime: Runtime, actor: Actor, body: BroadcastBody): Promise<Result<{ id: string; preview: BroadcastPreview }>> {
  const authority = mayDo(actor.role, 'admin') ? null : actor.person;
  if (!authority && !mayDo(actor.role, 'admin'))
    throw new HttpError(403, 'NOT_LINKED', 'an operator sends broadcasts with the authority of the person they are linked to');
  const { broadcast, reachable, defaultTimezone } = commandOptions(runtime);
  return prepareBroadcast(
    runtime.broadcasts,
    { texts: body.texts, audience: body.audience, sendAt: body.sendAt ? new Date(body.sendAt) : null },
    { operator: actor.operator?.id ?? null, authority },
    { ...broadcast, now: runtime.clock.now() },
    { defaultTimezone, reachable, simulated: reachable.length === 0 },
  );
}

/**
 * Broadcasts by the API (issue 19): preview (which keeps the recipients it found), confirm (plans
 * them once), cancel (what has not left), and a broadcast with its progress. An operator linked to
 * a person reaches only the people under that person; an admin's reaches whom the audience names.
 */
export function broadcastRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { config, clock } = runtime;

  api.post(
    '/broadcasts',
    {
      summary: `Previews a broadcast (who, who not and why, segments, cost, when the last has it) and keeps it to confirm; sendAt at most ${maxDaysAhead} days ahead`,
      tag: 'broadcasts',
      access: 'act',
      body: broadcastRequest,
      status: 201,
    },
    async (_req, res, { body }) => {
      const { id, preview } = orRefuse(await previewAndKeep(runtime, actorOf(res), body));
      audited(res, { subject: `broadcast ${id}`, after: { recipients: preview.recipients.length, cost: preview.cost } });
      const { recipients, ...summary } = preview;
      res.status(201).json({
        id,
        recipients: recipients.length,
        ...summary,
        currency: config.smsPrice.currency,
        sample: recipients.slice(0, 20).map((r) => ({ person: r.person, name: r.name, channel: r.channel, language: r.language, notBefore: r.notBefore })),
      });
    },
  );

  api.post(
    '/broadcasts/:id/confirm',
    { summary: 'Confirms a previewed broadcast: its recipients are planned, once', tag: 'broadcasts', access: 'act' },
    async (req, res) => {
      const id = String(req.params.id);
      const outcome = await runtime.broadcasts.confirm(id, clock.now());
      if ('status' in outcome) {
        if (outcome.status === 'not-found') throw new HttpError(404, 'NOT_FOUND', `no broadcast ${id}`);
        throw new HttpError(409, 'BROADCAST_DECIDED', `broadcast ${id} is ${outcome.status} already; nothing more was planned`);
      }
      audited(res, { subject: `broadcast ${id}`, before: { status: 'previewed' }, after: { status: 'confirmed', planned: outcome.planned } });
      await releaseDue(runtime);
      res.json({ id, status: 'confirmed', planned: outcome.planned });
    },
  );

  api.post('/broadcasts/:id/cancel', { summary: 'Cancels a broadcast: what has not left stays unsent', tag: 'broadcasts', access: 'act' }, async (req, res) => {
    const id = String(req.params.id);
    const outcome = await runtime.broadcasts.cancel(id, clock.now());
    if ('status' in outcome) {
      if (outcome.status === 'not-found') throw new HttpError(404, 'NOT_FOUND', `no broadcast ${id}`);
      throw new HttpError(409, 'BROADCAST_DECIDED', `broadcast ${id} is cancelled already`);
    }
    audited(res, { subject: `broadcast ${id}`, after: { status: 'cancelled', cancelled: outcome.cancelled } });
    res.json({ id, status: 'cancelled', cancelled: outcome.cancelled });
  });

  api.get(
    '/broadcasts/:id',
    {
      summary: 'A broadcast, its preview, its progress and its results (delivered rate, replies, opt-outs within 72 h, cost)',
      tag: 'broadcasts',
      access: 'read',
    },
    async (req, res) => {
      const id = String(req.params.id);
      const broadcast = await runtime.broadcasts.byId(id);
      if (!broadcast) throw new HttpError(404, 'NOT_FOUND', `no broadcast ${id}`);
      const [progress, results] = await Promise.all([runtime.broadcasts.progress(id), runtime.broadcasts.results(id)]);
      const cost = Math.round(results.segments * config.smsPrice.perSegment * 10_000) / 10_000;
      res.json({
        ...broadcast,
        progress,
        results: { ...results, deliveredRate: results.sent > 0 ? results.delivered / results.sent : null, cost, currency: config.smsPrice.currency },
      });
    },
  );
}

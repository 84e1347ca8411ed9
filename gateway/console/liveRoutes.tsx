import { Router, type Request } from 'express';
import { loggedMessages, type LoggedMessage } from '../../adapters/db/messageLog';
import { isStreamId, streamIdAfter, type LiveEvent } from '../../adapters/queue/liveEvents';
import { handoffPanel } from './conversationRoutes';
import { channelOfAddress } from '../../domain/channels';
import { HandoffPanel } from './conversationPages';
import type { Kit, LiveRow } from './kit';
import type { SignedIn } from './layout';
import { alertsLive } from './alertRoutes';
import { approvalsLive } from './approvalRoutes';
import { ticketsLive } from './ticketRoutes';
import { ConversationRow, MessageRow, conversationKey, messageKey } from './thread';
import { vehiclesLive } from './vehicleRoutes';

/** Events a reconnecting view may catch up on; past this it reloads instead. */
const catchUpLimit = 1000;
const heartbeatMs = 15_000;

/** What a view shows of a batch of changes, for this request (its language, its filter). */
type LiveView = (kit: Kit, req: Request, actor: SignedIn) => (events: LiveEvent[]) => Promise<LiveRow[]>;
const liveViews: Record<string, LiveView> = {
  conversations: (kit, req) => {
    const context = kit.rows(req);
    return async (events) => conversationRows(kit, context, await changedMessages(kit, events));
  },
  conversation: (kit, req, actor) => {
    const peer = String(req.query.peer ?? '');
    const context = kit.rows(req);
    return async (events) => {
      const rows = (await changedMessages(kit, events))
        .filter((m) => m.peer === peer)
        .map((m) => ({ key: messageKey(m), html: String(<MessageRow m={m} context={context} />) }));
      if (!events.some((e) => e.change.kind === 'handoff')) return rows;
      const person = await kit.runtime.store.people.byAddress(channelOfAddress(peer), peer);
      if (!person || !events.some((e) => e.change.kind === 'handoff' && e.change.id === person.id)) return rows;
      return [...rows, { key: 'handoff', replace: true, html: String(<HandoffPanel {...await handoffPanel(kit, req, actor, peer, person)} />) }];
    };
  },
  vehicles: vehiclesLive,
  tickets: ticketsLive,
  approvals: approvalsLive,
  alerts: alertsLive,
};

/** The messages a batch names; a reply shows its message processed, so that row is read again too. */
async function changedMessages({ runtime }: Kit, events: LiveEvent[]): Promise<LoggedMessage[]> {
  const inIds = new Set(events.filter((e) => e.change.kind === 'in').map((e) => e.change.id));
  const outIds = new Set(events.filter((e) => e.change.kind === 'out').map((e) => e.change.id));
  if (inIds.size === 0 && outIds.size === 0) return [];
  const messages = await loggedMessages(runtime.sql, [...inIds], [...outIds]);
  const answered = messages.filter((m) => m.inReplyTo && !inIds.has(m.inReplyTo)).map((m) => m.inReplyTo!);
  return answered.length > 0 ? [...(await loggedMessages(runtime.sql, answered, [])), ...messages] : messages;
}

async function conversationRows({ runtime }: Kit, context: ReturnType<Kit['rows']>, messages: LoggedMessage[]): Promise<LiveRow[]> {
  const peers = [...new Set(messages.map((m) => m.peer))];
  const rows = await Promise.all(
    peers.map(async (one) => {
      const [c] = await runtime.reads.conversations({
        search: null,
        channel: null,
        status: null,
        kind: null,
        from: null,
        to: null,
        zone: context.zone,
        limit: 1,
        peer: one,
      });
      return c ? { key: conversationKey(one), html: String(<ConversationRow c={c} language={context.language} zone={context.zone} />) } : null;
    }),
  );
  return rows.filter((row): row is LiveRow => row !== null);
}

/**
 * The live views' Server-Sent Events: `/console/events?view=…` with the view's own parameters
 * (conversations; a conversation's `peer`; vehicles' `box`; tickets' filter). Each event carries
 * the stream id of the last change it shows; a view that reconnects sends it back (Last-Event-ID,
 * or `after` when it opens a new connection) and gets what it missed, then what is new, each once.
 * When the stream no longer holds what it missed, it is told to resync (it reloads). Rows are
 * rendered for this operator's language; the browser puts each in place by its key.
 */
export function liveRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime } = kit;

  router.get(
    '/events',
    kit.pageFor(async (req, res, actor) => {
      const view = liveViews[String(req.query.view ?? '')];
      if (!view || !Object.hasOwn(liveViews, String(req.query.view))) return void res.status(404).type('text').send('no such live view');
      const render = view(kit, req, actor);
      const asked = String(req.get('last-event-id') ?? req.query.after ?? '');
      let sent = isStreamId(asked) ? asked : await runtime.live.latest();
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
      res.write('retry: 1000\n\n');
      const write = (event: string, id: string, data: unknown) => res.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);

      /** Shows the events newer than what this view has, in order, once. */
      const deliver = async (events: LiveEvent[]) => {
        const fresh = events.filter((e) => streamIdAfter(e.id, sent));
        if (fresh.length === 0) return;
        sent = fresh[fresh.length - 1]!.id;
        const rows = await render(fresh);
        if (rows.length > 0) write('rows', sent, { rows });
      };

      // New events wait behind the catch-up: subscribed first, so that none falls between the two.
      let opened!: () => void;
      let queue: Promise<void> = new Promise((resolve) => (opened = resolve));
      const follow = (events: LiveEvent[]) => {
        queue = queue.then(() => deliver(events)).catch((error: unknown) => runtime.logger.warn({ err: error }, 'a live view failed to render'));
      };
      const unsubscribe = await runtime.live.subscribe(follow);
      const heartbeat = setInterval(() => res.write(': still here\n\n'), heartbeatMs);
      req.on('close', () => {
        unsubscribe();
        clearInterval(heartbeat);
      });
      const missed = await runtime.live.after(sent, catchUpLimit);
      if (missed === null) {
        sent = await runtime.live.latest();
        write('resync', sent, {});
      } else await deliver(missed);
      opened();
    }),
  );
  return router;
}

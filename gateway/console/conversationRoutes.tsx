import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { lastTransportFrom, listMessages } from '../../adapters/db/messageLog';
import { desk } from '../../commands/deskActions';
import { replies } from '../../commands/replies';
import { handBack, operatorReply, takeOver } from '../../commands/handoff';
import { channelOfAddress, providerOf, type Channel } from '../../domain/channels';
import type { HeldConversation } from '../../domain/handoffs';
import { mayDo } from '../../domain/operators';
import type { Person } from '../../domain/people';
import type { DomainError } from '../../domain/result';
import { reachableChannels } from '../config';
import { refusal } from '../errors';
import { recordWrite } from '../operatorApi';
import type { Runtime } from '../runtime';
import { ConversationPage, ConversationsPage, HandoffPanel } from './conversationPages';
import type { Kit } from './kit';
import { RefusedPage, type SignedIn } from './layout';
import { words } from './words';

/** Who answers a person's conversation, as the panel shows it to this operator. */
export async function handoffPanel(kit: Kit, req: Request, actor: SignedIn, peer: string, person: Person | null): Promise<Parameters<typeof HandoffPanel>[0]> {
  const { runtime } = kit;
  const holderId = person?.handoff?.operatorId ?? null;
  const holder = holderId
    ? { email: (await runtime.operators.list()).find((o) => o.id === holderId)?.email ?? `#${holderId}`, mine: holderId === actor.operator.id }
    : null;
  return {
    language: kit.languageOf(req),
    actor,
    peer,
    person: person ? { id: person.id, name: person.name } : null,
    holder,
    mayAct: mayDo(actor.role, 'act'),
    idleMinutes: runtime.config.handoffIdleMinutes,
  };
}

/**
 * The conversation an operator takes over at this address: its transport is the one the person's
 * latest message came by (a simulated conversation stays in the simulator), else the channel's provider.
 */
async function heldConversation(runtime: Runtime, peer: string): Promise<HeldConversation> {
  const channel = channelOfAddress(peer);
  const last = await lastTransportFrom(runtime.sql, peer);
  return { peer, channel, transport: last ?? (reachableChannels(runtime.config).includes(channel) ? providerOf[channel] : 'simulator') };
}

/** Conversations: the list, a thread, and taking one over (take over, reply, hand back). */
export function conversationRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const threadPath = (peer: string) => `/console/conversations/${encodeURIComponent(peer)}`;

  router.get(
    '/conversations',
    kit.pageFor(async (req, res, actor) => {
      const text = (name: string, pattern: RegExp) => {
        const value = String(req.query[name] ?? '').trim();
        return pattern.test(value) ? value : '';
      };
      const filter = {
        q: kit.searchOf(req),
        channel: text('channel', /^(sms|telegram|wechat)$/),
        status: text('status', /^[a-z_]{1,20}$/),
        kind: text('kind', /^[a-z-]{1,20}$/),
        from: text('from', /^\d{4}-\d{2}-\d{2}$/),
        to: text('to', /^\d{4}-\d{2}-\d{2}$/),
      };
      const zone = runtime.config.defaultTimezone;
      // The live view follows from the newest event before the page's rows were read: nothing falls between.
      const after = await runtime.live.latest();
      const conversations = await runtime.reads.conversations({
        search: filter.q || null,
        channel: (filter.channel || null) as Channel | null,
        status: filter.status || null,
        kind: filter.kind || null,
        from: filter.from || null,
        to: filter.to || null,
        zone,
        limit: 200,
      });
      page(res, <ConversationsPage language={languageOf(req)} actor={actor} filter={filter} conversations={conversations} zone={zone} after={after} />);
    }),
  );

  /** A thread, with who answers it and, for its holder, the reply form (after a refused reply: its reason, the text kept, the same key). */
  const threadPage = async (
    req: Request,
    res: Response,
    actor: SignedIn,
    reply: { text: string; key: string; notice: { error: boolean; text: string } | null } | null,
    status = 200,
  ) => {
    const peer = String(req.params.peer);
    const person = await runtime.store.people.byAddress(channelOfAddress(peer), peer);
    const after = await runtime.live.latest();
    const messages = await listMessages(runtime.sql, { peer, status: null, limit: 200 });
    const handoff = await handoffPanel(kit, req, actor, peer, person);
    const notice =
      reply?.notice ?? (req.query.sent ? { error: false, text: words[languageOf(req)][req.query.sent === 'again' ? 'sentAlready' : 'sent'] } : null);
    page(
      res,
      <ConversationPage
        language={languageOf(req)}
        actor={actor}
        peer={peer}
        person={person ? { id: person.id, name: person.name } : null}
        messages={messages}
        rows={kit.rows(req)}
        after={after}
        handoff={handoff}
        reply={
          handoff.holder?.mine
            ? {
                language: languageOf(req),
                actor,
                peer,
                channel: person!.handoff!.channel,
                idempotencyKey: reply?.key ?? randomUUID(),
                text: reply?.text ?? '',
                notice,
              }
            : null
        }
      />,
      status,
    );
  };

  router.get(
    '/conversations/:peer',
    kit.pageFor((req, res, actor) => threadPage(req, res, actor, null)),
  );

  /** A refused handoff action: the thread again, with the reason where the reply form would be, or on a page of its own. */
  const refused = async (req: Request, res: Response, actor: SignedIn, error: DomainError, reply: { text: string; key: string } | null) => {
    const notice = { error: true, text: replies[languageOf(req)].error(error) };
    if (reply) return threadPage(req, res, actor, { ...reply, notice }, refusal(error).status);
    page(res, <RefusedPage language={languageOf(req)} actor={actor} message={notice.text} />, refusal(error).status);
  };

  /** The person behind the address in the route, or a 404 page. */
  const personAt = async (req: Request, res: Response, actor: SignedIn): Promise<Person | null> => {
    const peer = String(req.params.peer);
    const person = await runtime.store.people.byAddress(channelOfAddress(peer), peer);
    if (!person) page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].notFound} />, 404);
    return person;
  };

  const back = (req: Request) => threadPath(String(req.params.peer));

  router.post(
    '/conversations/:peer/take-over',
    kit.formFor('act', back, async (req, res, actor) => {
      const person = await personAt(req, res, actor);
      if (!person) return;
      const held = await heldConversation(runtime, String(req.params.peer));
      const taken = await desk(runtime.store, (tx) => takeOver(tx, person, actor.operator.id, held, runtime.clock.now()));
      if (!taken.ok) return refused(req, res, actor, taken.error, null);
      const item = String(req.body?.item ?? '');
      if (/^(in|out):\d+$/.test(item)) await runtime.attention.mark(item, actor.operator.id, 'taken-over', runtime.clock.now());
      await Promise.all([
        runtime.live.publish([{ kind: 'handoff', id: person.id }]),
        recordWrite(runtime, req, actor, {
          subject: `person ${person.id}`,
          after: { heldBy: actor.operator.email, peer: held.peer, transport: held.transport },
        }),
      ]);
      res.redirect(303, back(req));
    }),
  );

  router.post(
    '/conversations/:peer/hand-back',
    kit.formFor('act', back, async (req, res, actor) => {
      const person = await personAt(req, res, actor);
      if (!person) return;
      const ended = await desk(runtime.store, (tx) => handBack(tx, person, actor.operator.id));
      if (!ended.ok) return refused(req, res, actor, ended.error, null);
      await Promise.all([
        runtime.live.publish([{ kind: 'handoff', id: person.id }]),
        recordWrite(runtime, req, actor, { subject: `person ${person.id}`, before: { heldBy: actor.operator.email } }),
      ]);
      res.redirect(303, back(req));
    }),
  );

  router.post(
    '/conversations/:peer/reply',
    kit.formFor('act', back, async (req, res, actor) => {
      const person = await personAt(req, res, actor);
      if (!person) return;
      const text = String(req.body?.text ?? '');
      // A form without a well-formed key gets a new one: it still sends once per key.
      const key = /^[A-Za-z0-9-]{8,64}$/.test(String(req.body?.key ?? '')) ? String(req.body.key) : randomUUID();
      const replied = await desk(runtime.store, (tx) => operatorReply(tx, person, actor.operator.id, { text, key }, runtime.clock.now()));
      if (!replied.ok) return refused(req, res, actor, replied.error, { text, key });
      if (replied.value.queued)
        await recordWrite(runtime, req, actor, { subject: `person ${person.id}`, after: { reply: text.trim(), channel: person.handoff!.channel } });
      res.redirect(303, `${back(req)}?sent=${replied.value.queued ? '1' : 'again'}`);
    }),
  );
  return router;
}

import { Router, type Request } from 'express';
import { listMessages } from '../../adapters/db/messageLog';
import { parseLocation } from '../../commands/location';
import { addressesOf } from '../../commands/addressing';
import { channels, isChatChannel, type Channel } from '../../domain/channels';
import { HttpError } from '../http';
import { recordWrite } from '../operatorApi';
import { simulate } from '../simulate';
import type { Kit } from './kit';
import { RefusedPage } from './layout';
import { SimulatorPage, SimulatorPickPage } from './simulatorPages';
import { words } from './words';

/**
 * The simulator: chat as any person on SMS or Telegram through the real pipeline, with the
 * simulator's transport (replies are recorded, never sent to a provider).
 */
export function simulatorRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const channelOf = (req: Request): Channel => channels.find((c) => c === (req.query.channel ?? req.body?.channel)) ?? 'sms';
  const pathOf = (personId: string, channel: string, notice?: string) =>
    `/console/simulator/${encodeURIComponent(personId)}?channel=${channel}${notice ? `&notice=${notice}` : ''}`;
  const notices = ['ended', 'timeout', 'failed', 'empty'] as const;

  router.get(
    '/simulator',
    kit.pageFor(async (req, res, actor) => {
      const search = kit.searchOf(req);
      page(res, <SimulatorPickPage language={languageOf(req)} actor={actor} search={search} people={await runtime.reads.people(search || null, 200)} />);
    }),
  );

  router.get(
    '/simulator/:id',
    kit.pageFor(async (req, res, actor) => {
      const language = languageOf(req);
      const person = await runtime.store.people.byId(String(req.params.id));
      if (!person) return page(res, <RefusedPage language={language} actor={actor} message={words[language].notFound} />, 404);
      const channel = channelOf(req);
      const addresses = addressesOf(person);
      const address = addresses[channel];
      const messages = address ? await listMessages(runtime.sql, { peer: address, status: null, limit: 30 }) : [];
      const asked = notices.find((notice) => notice === req.query.notice);
      const t = words[language];
      const notice = asked ? { ended: t.dialogsEnded, timeout: t.simTimeout, failed: t.simFailed, empty: t.typeFirst }[asked] : null;
      page(
        res,
        <SimulatorPage
          language={language}
          actor={actor}
          person={{ id: person.id, name: person.name, role: person.role }}
          channel={channel}
          addresses={addresses}
          messages={messages}
          rows={kit.rows(req)}
          notice={notice}
        />,
      );
    }),
  );

  const back = (req: Request) => pathOf(String(req.params.id), channelOf(req));

  router.post(
    '/simulator/:id/send',
    kit.formFor('act', back, async (req, res, actor) => {
      const person = await runtime.store.people.byId(String(req.params.id));
      const channel = channelOf(req);
      const from = person ? addressesOf(person)[channel] : null;
      if (!person || !from) return res.redirect(303, back(req));
      const text = String(req.body?.text ?? '')
        .trim()
        .slice(0, 1600);
      if (text === '') return res.redirect(303, pathOf(person.id, channel, 'empty'));
      // A location on a chat is shared as the chat shares one; on SMS it is the text as typed.
      const fix = req.body?.as === 'location' && isChatChannel(channel) ? parseLocation(text) : null;
      try {
        await simulate(
          runtime,
          fix?.ok && isChatChannel(channel) ? { channel, from, location: { lat: fix.fix.lat, lon: fix.fix.lon } } : { channel, from, text },
        );
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        return res.redirect(303, pathOf(person.id, channel, error.status === 504 ? 'timeout' : 'failed'));
      }
      await recordWrite(runtime, req, actor, { subject: `person ${person.id}`, after: { simulated: text, channel } });
      res.redirect(303, back(req));
    }),
  );

  router.post(
    '/simulator/:id/reset',
    kit.formFor('act', back, async (req, res, actor) => {
      const person = await runtime.store.people.byId(String(req.params.id));
      if (!person) return res.redirect(303, back(req));
      await runtime.store.dialogs.close(person.id);
      await recordWrite(runtime, req, actor, { subject: `person ${person.id}`, before: { dialog: person.dialogStep } });
      res.redirect(303, pathOf(person.id, channelOf(req), 'ended'));
    }),
  );
  return router;
}

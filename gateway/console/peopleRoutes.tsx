import { addressesOf } from '../../commands/addressing';
import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { listMessages } from '../../adapters/db/messageLog';
import { issueLinkCode } from '../../domain/linking';
import { mayDo } from '../../domain/operators';
import { recordWrite } from '../operatorApi';
import type { Kit } from './kit';
import { RefusedPage, type SignedIn } from './layout';
import { PeoplePage, PersonPage } from './peoplePages';
import { words } from './words';

/** People: the list with its search, a person's page, and the Telegram link code an operator makes there. */
export function peopleRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  router.get(
    '/people',
    kit.pageFor(async (req, res, actor) => {
      const search = kit.searchOf(req);
      page(res, <PeoplePage language={languageOf(req)} actor={actor} search={search} people={await runtime.reads.people(search || null, 200)} />);
    }),
  );

  const personPage = async (req: Request, res: Response, actor: SignedIn, linkCode: { code: string; expiresAt: Date } | null) => {
    const language = languageOf(req);
    const person = await runtime.reads.person(String(req.params.id));
    if (!person) return page(res, <RefusedPage language={language} actor={actor} message={words[language].notFound} />, 404);
    const peers = Object.values(addressesOf(person)).filter((peer): peer is string => peer !== null);
    const messages = (await Promise.all(peers.map((peer) => listMessages(runtime.sql, { peer, status: null, limit: 20 }))))
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 20);
    const until = linkCode ? DateTime.fromJSDate(linkCode.expiresAt, { zone: runtime.config.defaultTimezone }).toFormat('yyyy-MM-dd HH:mm') : '';
    page(
      res,
      <PersonPage
        language={language}
        actor={actor}
        person={person}
        messages={messages}
        mayAct={mayDo(actor.role, 'act')}
        linkCode={linkCode ? { code: linkCode.code, until } : null}
        rows={kit.rows(req)}
      />,
      linkCode ? 201 : 200,
    );
  };

  router.get(
    '/people/:id',
    kit.pageFor((req, res, actor) => personPage(req, res, actor, null)),
  );

  /** An operator makes a link code on the person's page; a viewer may not (403), and nothing is made. */
  router.post(
    '/people/:id/link-code',
    kit.formFor(
      'act',
      (req) => `/console/people/${encodeURIComponent(String(req.params.id))}`,
      async (req, res, actor) => {
        const personId = String(req.params.id);
        const issued = await issueLinkCode(runtime.store, personId, runtime.clock.now());
        if (!issued.ok) return page(res, <RefusedPage language={languageOf(req)} actor={actor} message={words[languageOf(req)].notFound} />, 404);
        await recordWrite(runtime, req, actor, { subject: `person ${personId}`, after: { linkCodeExpiresAt: issued.value.expiresAt.toISOString() } });
        await personPage(req, res, actor, issued.value);
      },
    ),
  );
  return router;
}

import { Router, type Request, type Response } from 'express';
import { desk, moveTicket } from '../../commands/deskActions';
import { errorText } from '../../commands/errors/texts';
import { mayDo } from '../../domain/operators';
import { telegramFile } from '../../adapters/telegram/files';
import { wechatMedia } from '../../adapters/wechat/media';
import { recordWrite } from '../operatorApi';
import { deskOptions, type Runtime } from '../runtime';
import type { Kit, LiveRow } from './kit';
import type { PageNotice, SignedIn } from './layout';
import type { LiveEvent } from '../../adapters/queue/liveEvents';
import { TicketBoard, TicketsPage, type BoardFilter, type BoardProps } from './ticketPages';
import { LiveStatus } from './thread';
import { words } from './words';

const ticketNumber = /^\d{1,18}$/;
/** Closed tickets stay on the board this long. */
const doneDays = 7;

const filterOf = (req: Request): BoardFilter => ({
  servicePoint: String(req.query.servicePoint ?? '').slice(0, 50) || null,
  sla: req.query.sla === 'late' || req.query.sla === 'soon' ? req.query.sla : null,
});

/** The board as this request's filter shows it to this operator. */
async function boardOf({ runtime, languageOf }: Kit, req: Request, actor: SignedIn): Promise<BoardProps> {
  const filter = filterOf(req);
  const [tickets, points] = await Promise.all([runtime.reads.ticketBoard({ servicePoint: filter.servicePoint, doneDays }), runtime.reads.servicePoints()]);
  return {
    language: languageOf(req),
    actor,
    filter,
    tickets,
    points,
    targets: runtime.config.ticketTargetsHours,
    mayAct: mayDo(actor.role, 'act'),
    zone: runtime.config.defaultTimezone,
    now: runtime.clock.now(),
  };
}

/** The board's live view: a ticket filed or moved (by SMS, the API or here) draws the board again. */
export function ticketsLive(kit: Kit, req: Request, actor: SignedIn) {
  return async (events: LiveEvent[]): Promise<LiveRow[]> => {
    if (!events.some((e) => e.change.kind === 'ticket')) return [];
    return [{ key: 'board', replace: true, html: String(<TicketBoard {...await boardOf(kit, req, actor)} />) }];
  };
}

/**
 * The service board: tickets by stage; assigning one to a service point (the filer and its
 * technicians are told, as by the API) and closing a resolved one; a ticket's photo from Telegram.
 */
export function ticketRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  const ticketsPage = async (req: Request, res: Response, actor: SignedIn, notice: PageNotice, status = 200) => {
    const [board, after] = await Promise.all([boardOf(kit, req, actor), runtime.live.latest()]);
    const query = new URLSearchParams({
      view: 'tickets',
      ...(board.filter.servicePoint ? { servicePoint: board.filter.servicePoint } : {}),
      ...(board.filter.sla ? { sla: board.filter.sla } : {}),
    });
    const live = <LiveStatus language={board.language} source={`/console/events?${query}`} after={after} />;
    page(res, <TicketsPage {...board} notice={notice} live={live} />, status);
  };

  router.get(
    '/tickets',
    kit.pageFor((req, res, actor) => ticketsPage(req, res, actor, null)),
  );

  const moves = {
    assign: (req: Request) => ({ to: 'assigned' as const, servicePoint: String(req.body?.servicePoint ?? '').slice(0, 50) }),
    close: () => ({ to: 'closed' as const, note: null }),
  };
  for (const [name, moveOf] of Object.entries(moves)) {
    router.post(
      `/tickets/:number/${name}`,
      kit.formFor(
        'act',
        () => '/console/tickets',
        async (req, res, actor) => {
          const number = String(req.params.number);
          const language = languageOf(req);
          if (!ticketNumber.test(number)) return res.redirect(303, '/console/tickets');
          const move = moveOf(req);
          const moved = await desk(runtime.store, (tx) => moveTicket(tx, number, move, deskOptions(runtime)));
          if (!moved.ok) return ticketsPage(req, res, actor, { error: true, text: errorText(moved.error, language) }, 409);
          await recordWrite(runtime, req, actor, {
            subject: `ticket ${number}`,
            before: { status: moved.value.from },
            after: { status: moved.value.to, ...move },
          });
          const k = words[language].ticket;
          const point =
            'servicePoint' in move ? ((await runtime.reads.servicePoints()).find((p) => p.code === move.servicePoint)?.name ?? move.servicePoint) : '';
          await ticketsPage(req, res, actor, { error: false, text: 'servicePoint' in move ? k.assigned(number, point) : k.closed(number) });
        },
      ),
    );
  }

  router.get(
    '/tickets/:number/photo',
    kit.pageFor(async (req, res) => {
      const number = String(req.params.number);
      const ticket = ticketNumber.test(number) ? await runtime.reads.boardTicket(number) : null;
      const file = ticket?.photo ? await photoOf(runtime, ticket.photo) : null;
      if (!file) return void res.status(404).type('text').send(words[languageOf(req)].ticket.noPhoto);
      res.type(file.type).set('cache-control', 'private, max-age=3600').send(file.body);
    }),
  );
  return router;
}

/** A ticket's photo from the chat it came by: a WeChat MediaId (`wechat:<id>`) or a Telegram file id. */
async function photoOf(runtime: Runtime, photo: string): Promise<{ body: Buffer; type: string } | null> {
  const { telegram, wechat, config } = runtime;
  if (photo.startsWith('wechat:')) return wechat && config.wechat ? wechatMedia(wechat.tokens, config.wechat.apiRoot, photo.slice('wechat:'.length)) : null;
  return telegram && config.telegram ? telegramFile(telegram, config.telegram, photo) : null;
}

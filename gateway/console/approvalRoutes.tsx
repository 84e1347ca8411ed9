import { Router, type Request, type Response } from 'express';
import { approve, reject } from '../../commands/approve';
import type { AnyCommand } from '../../commands/command';
import { errorText } from '../../commands/errors/texts';
import { mayDo } from '../../domain/operators';
import { recordWrite } from '../operatorApi';
import { linkedPerson, withAuthorityOf } from '../authorityApi';
import type { LiveEvent } from '../../adapters/queue/liveEvents';
import { ApprovalList, ApprovalsPage, type ApprovalListProps } from './approvalPages';
import { LiveStatus } from './thread';
import type { Kit, LiveRow } from './kit';
import type { SignedIn } from './layout';
import { words } from './words';

/** An order's number, a return's (R…) or a rebate application's (RB…). */
const approvalNumber = /^(\d{1,18}|R\d{1,18}|RB\d{1,18})$/i;

const approvalListOf = async ({ runtime, languageOf }: Kit, req: Request, actor: SignedIn): Promise<ApprovalListProps> => ({
  language: languageOf(req),
  actor,
  approvals: await runtime.reads.approvals(),
  mayAct: mayDo(actor.role, 'act'),
  approvalAbove: runtime.config.orderPolicy.approvalAbove,
  zone: runtime.config.defaultTimezone,
});

/** The approvals' live view: an order placed, decided or moved (by SMS, the API or here) draws the list again. */
export function approvalsLive(kit: Kit, req: Request, actor: SignedIn) {
  return async (events: LiveEvent[]): Promise<LiveRow[]> =>
    events.some((e) => e.change.kind === 'order')
      ? [{ key: 'approval-list', replace: true, html: String(<ApprovalList {...await approvalListOf(kit, req, actor)} />) }]
      : [];
}

/**
 * Approvals: the orders, returns and rebate applications waiting, and the decision, taken with the authority of the person the
 * operator is linked to — the same command, checks and notices as that person's SMS APPROVE/REJECT.
 */
export function approvalRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  const approvalsPage = async (req: Request, res: Response, actor: SignedIn, notice: { error: boolean; text: string } | null, status = 200) => {
    const [list, after] = await Promise.all([approvalListOf(kit, req, actor), runtime.live.latest()]);
    const live = <LiveStatus language={list.language} source="/console/events?view=approvals" after={after} />;
    page(res, <ApprovalsPage {...list} notice={notice} live={live} />, status);
  };

  router.get(
    '/approvals',
    kit.pageFor((req, res, actor) => approvalsPage(req, res, actor, null)),
  );

  for (const [decision, command] of [
    ['approve', approve],
    ['reject', reject],
  ] as const) {
    router.post(
      `/approvals/:number/${decision}`,
      kit.formFor(
        'act',
        () => '/console/approvals',
        async (req, res, actor) => {
          const number = String(req.params.number);
          const language = languageOf(req);
          const a = words[language].approval;
          if (!approvalNumber.test(number)) return res.redirect(303, '/console/approvals');
          const person = await linkedPerson(runtime, actor.person);
          if (!person) return approvalsPage(req, res, actor, { error: true, text: a.notLinked }, 403);
          const reason =
            decision === 'reject'
              ? String(req.body?.reason ?? '')
                  .trim()
                  .slice(0, 300)
              : '';
          const args = [number, ...(reason ? reason.split(/\s+/) : [])];
          const outcome = await withAuthorityOf(runtime, person, command as AnyCommand, args);
          if (!outcome.ok) return approvalsPage(req, res, actor, { error: true, text: errorText(outcome.error, language) }, 409);
          await recordWrite(runtime, req, actor, {
            subject: words.en.approval.subject(number).toLowerCase(),
            before: { status: 'pending_approval' },
            after: { status: decision === 'approve' ? 'approved' : 'rejected', by: person.id, ...(reason ? { reason } : {}) },
          });
          await approvalsPage(req, res, actor, { error: false, text: decision === 'approve' ? a.approved(a.subject(number)) : a.rejected(a.subject(number)) });
        },
      ),
    );
  }
  return router;
}

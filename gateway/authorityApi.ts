import { z } from 'zod';
import { ack } from '../commands/ack';
import { approve, reject } from '../commands/approve';
import { actAs, desk } from '../commands/deskActions';
import type { AnyCommand } from '../commands/command';
import type { Person } from '../domain/people';
import { actorOf } from './auth';
import { orRefuse, refusal } from './errors';
import { parse } from './http';
import { audited } from './operatorApi';
import type { ApiRoutes } from './openapi';
import { commandOptions, type Runtime } from './runtime';

const number = z.string().regex(/^\d{1,18}$/, 'expected a number');
const rejectRequest = z
  .object({ reason: z.string().trim().min(1).max(300).optional() })
  .strict()
  .default({});

/** The person an operator is linked to, if any (and still there). */
export const linkedPerson = async (runtime: Runtime, personId: string | null): Promise<Person | null> =>
  personId ? runtime.store.people.byId(personId) : null;

/** A command run at the desk with a person's authority, in one transaction: the same checks, changes and notices as their SMS. */
export const withAuthorityOf = (runtime: Runtime, person: Person, command: AnyCommand, args: string[]) =>
  desk(runtime.store, (tx) => actAs(tx, person, command, args, { ...commandOptions(runtime), now: runtime.clock.now() }));

/**
 * Decisions an operator takes with the authority of the person they are linked to: the same
 * commands, checks and notices as that person's SMS (a manager linked as Mei approves what Mei may
 * approve by SMS, and nothing else).
 */
export function authorityRoutes(api: ApiRoutes, runtime: Runtime): void {
  const asPerson = async (res: Parameters<typeof actorOf>[0], command: AnyCommand, args: string[]) => {
    const person = await linkedPerson(runtime, actorOf(res).person);
    if (!person) throw refusal({ code: 'ACTOR.NOT_LINKED' });
    return orRefuse(await withAuthorityOf(runtime, person, command, args));
  };

  api.post(
    '/orders/:number/approve',
    { summary: "Approves an order with the linked person's authority (their APPROVE)", tag: 'orders', access: 'act' },
    async (req, res) => {
      const order = parse(number, req.params.number);
      await asPerson(res, approve as AnyCommand, [order]);
      audited(res, { subject: `order ${order}`, before: { status: 'pending_approval' }, after: { status: 'approved', by: actorOf(res).person } });
      res.json({ number: order, status: 'approved' });
    },
  );

  api.post(
    '/orders/:number/reject',
    { summary: "Rejects an order with the linked person's authority (their REJECT)", tag: 'orders', access: 'act', body: rejectRequest },
    async (req, res, { body: { reason } }) => {
      const order = parse(number, req.params.number);
      await asPerson(res, reject as AnyCommand, [order, ...(reason ? reason.split(/\s+/) : [])]);
      audited(res, {
        subject: `order ${order}`,
        before: { status: 'pending_approval' },
        after: { status: 'rejected', by: actorOf(res).person, reason: reason ?? null },
      });
      res.json({ number: order, status: 'rejected' });
    },
  );

  api.post(
    '/alerts/:id/ack',
    { summary: "Acknowledges an alert with the linked person's authority (their ACK)", tag: 'alerts', access: 'act' },
    async (req, res) => {
      const id = parse(number, req.params.id);
      await asPerson(res, ack as AnyCommand, [id]);
      audited(res, { subject: `alert ${id}`, after: { acknowledgedBy: actorOf(res).person } });
      res.json({ id, acknowledged: true });
    },
  );
}

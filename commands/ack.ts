import { mayAcknowledge } from '../domain/alerts';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/**
 * ACK alert-id (确认 alert-id): the alert's owner, or anyone up their manager chain, stops it
 * escalating. `确认` alone answers a dialog (YES); with an alert id it is this command.
 */
export const ack: Command<{ id: string }, { id: string }> = {
  keyword: 'ACK',
  // `确认` is YES's too: commands/index.ts (sharedWords) tells them apart by the alert number.
  aliases: ['确认'],
  // who alerts go to: managers and supervisors up the chains (an admin may be a stock alerts' owner)
  roles: ['supervisor', 'manager', 'admin'],
  changesData: true,
  usage: { en: 'ACK alert-id, e.g. ACK 12', zh: '确认 预警编号，如 确认 12' },
  parse: ([id, ...rest]) => (id && rest.length === 0 && /^\d{1,18}$/.test(id) ? ok({ id }) : fail({ code: 'USAGE' })),
  async handle({ store, person, now }, { id }) {
    const alert = await store.alerts.byId(id);
    if (!alert) return fail({ code: 'ALERT.NOT_FOUND', id });
    if (!mayAcknowledge(alert, await store.people.managerChain(alert.owner), person!.id)) return fail({ code: 'ALERT.NOT_YOURS', id });
    if (!(await store.alerts.acknowledge(id, person!.id, now))) return fail({ code: 'ALERT.CLOSED', id });
    return ok({ id });
  },
  render: {
    en: ({ id }) => `Alert ${id} acknowledged; it will not escalate further.`,
    zh: ({ id }) => `预警 ${id} 已确认，不再上报。`,
  },
};

import { DateTime } from 'luxon';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { viewTicket, workTicket } from '../domain/serviceDesk';
import type { Ticket, TicketStatus } from '../domain/tickets';
import type { Command, CommandContext } from './command';

type Action = null | { to: 'in_progress' | 'resolved'; note: string | null };

const statusWords: Record<Language, Record<TicketStatus, string>> = {
  en: { open: 'open', assigned: 'assigned', in_progress: 'in progress', resolved: 'resolved', closed: 'closed', cancelled: 'cancelled' },
  zh: { open: '待分配', assigned: '已分配', in_progress: '处理中', resolved: '已解决', closed: '已关闭', cancelled: '已取消' },
};

/**
 * TICKET n (工单 n): the status, for whoever filed it (or their dealer); the assigned service
 * point's technicians move it on: TICKET n START (开始), TICKET n DONE note (完成 …).
 */
export const ticket: Command<{ number: string; action: Action }, { ticket: Ticket; action: Action }> = {
  keyword: 'TICKET',
  aliases: ['工单'],
  roles: ['customer', 'dealer', 'technician'],
  changesData: true,
  usage: { en: 'TICKET number [START | DONE note], e.g. TICKET 88', zh: '工单 单号 [开始 | 完成 说明]，如 工单 88' },
  parse([number, verb, ...note]) {
    if (!number || !/^\d{1,12}$/.test(number)) return fail({ code: 'USAGE' });
    if (verb === undefined) return ok({ number, action: null });
    if (/^(start|开始)$/i.test(verb) && note.length === 0) return ok({ number, action: { to: 'in_progress', note: null } });
    if (/^(done|完成)$/i.test(verb)) return ok({ number, action: { to: 'resolved', note: note.join(' ') || null } });
    return fail({ code: 'USAGE' });
  },
  async handle(context, { number, action }) {
    const { store, person, now } = context;
    if (!action) {
      const seen = await viewTicket(store, person!, number);
      return seen.ok ? ok({ ticket: seen.value, action }) : seen;
    }
    const worked = await workTicket(store, person!, number, action, now);
    if (!worked.ok) return worked;
    if (action.to === 'resolved') await tellFiler(context, worked.value);
    return ok({ ticket: worked.value, action });
  },
  render: {
    en: ({ ticket: t, action }, context) => (action ? `Ticket ${t.number}: ${statusWords.en[t.status]}.` : view(t, 'en', context)),
    zh: ({ ticket: t, action }, context) => (action ? `工单 ${t.number}：${statusWords.zh[t.status]}。` : view(t, 'zh', context)),
  },
};

function view(t: Ticket, language: Language, { timezone }: CommandContext): string {
  const when = DateTime.fromJSDate(t.updatedAt, { zone: timezone }).toFormat('MM-dd HH:mm');
  if (language === 'zh')
    return `工单 ${t.number}（${t.sku}）：${statusWords.zh[t.status]}${t.servicePoint ? `，${t.servicePoint.name}` : ''}；更新 ${when}${t.lastUpdate ? `：${t.lastUpdate}` : ''}`;
  return `Ticket ${t.number} (${t.sku}): ${statusWords.en[t.status]}${t.servicePoint ? ` at ${t.servicePoint.name}` : ''}; updated ${when}${t.lastUpdate ? `: ${t.lastUpdate}` : ''}`;
}

/** The filer hears of the resolution, with the technician's note. */
async function tellFiler(context: CommandContext, t: Ticket): Promise<void> {
  const filer = await context.store.people.byId(t.filedBy);
  if (!filer) return;
  context.notify('ticket', filer, {
    en: `Ticket ${t.number} (${t.sku}) resolved${t.lastUpdate ? `: ${t.lastUpdate}` : ''}. Reply TICKET ${t.number} to see it.`,
    zh: `工单 ${t.number}（${t.sku}）已解决${t.lastUpdate ? `：${t.lastUpdate}` : ''}。查询请发 工单 ${t.number}。`,
  });
}

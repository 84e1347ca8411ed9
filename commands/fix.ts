import { fail, ok } from '../domain/result';
import { fileTicket, type Filed } from '../domain/serviceDesk';
import { looksLikeSerial, type TicketPriority } from '../domain/tickets';
import type { Command } from './command';
import { technicianNotice } from './ticketNotices';

/** FIX sku [serial] description (报修, 维修): files a service request and answers its ticket number. */
export const fix: Command<{ sku: string; serial: string | null; description: string; priority: TicketPriority }, Filed> = {
  keyword: 'FIX',
  aliases: ['报修', '维修'],
  roles: ['customer', 'dealer'],
  changesData: true,
  usage: { en: 'FIX sku [serial] what is wrong, e.g. FIX A100 SN12345 screen cracked', zh: '报修 产品编号 [序列号] 故障描述，如 报修 A100 SN12345 屏幕碎了' },
  parse([sku, ...rest]) {
    const serial = rest[0] !== undefined && looksLikeSerial(rest[0]) ? rest[0] : null;
    const description = (serial ? rest.slice(1) : rest).join(' ').trim();
    if (!sku || !description) return fail({ code: 'USAGE' });
    return ok({ sku, serial, description, priority: /\burgent\b|紧急|加急/i.test(description) ? 'urgent' : 'normal' });
  },
  async handle(context, request) {
    const photo = context.message.payload?.kind === 'photo' ? context.message.payload.fileId : null;
    const filed = await fileTicket(context.store, context.person!, { ...request, photoFileId: photo }, context.now);
    if (!filed.ok) return filed;
    const { number, product, serial, servicePoint, technicians } = filed.value;
    const filer = context.person!;
    for (const technician of technicians) context.notify('ticket', technician, technicianNotice({ number, sku: product.sku, serial, description: request.description }, filer));
    return ok({ ...filed.value, servicePoint });
  },
  render: {
    en: ({ number, product, serial, servicePoint }) =>
      `Ticket ${number} filed for ${product.sku}${serial ? ` (${serial})` : ''}` + (servicePoint ? `, assigned to ${servicePoint.name}.` : '; a service point will be assigned.') + ` Send TICKET ${number} for its status.`,
    zh: ({ number, product, serial, servicePoint }) =>
      `已报修 ${product.sku}${serial ? `（${serial}）` : ''}，工单号 ${number}` + (servicePoint ? `，由 ${servicePoint.name} 处理。` : '，稍后分配服务网点。') + `查询请发 工单 ${number}。`,
  },
};

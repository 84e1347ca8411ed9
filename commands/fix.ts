import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { looksLikeSerial } from '../domain/tickets';
import { startFix, type FixOutcome } from '../dialogs/fixDialog';
import type { Command, CommandContext } from './command';
import { isCode } from './lexer';
import { replies } from './replies';
import { technicianNotice } from './ticketNotices';

/**
 * FIX sku [serial] description (报修, 维修): files a service request and answers its ticket number.
 * Missing the product or the description (a photo captioned FIX), it asks for them.
 */
export const fix: Command<{ sku: string | null; serial: string | null; description: string | null }, FixOutcome> = {
  keyword: 'FIX',
  aliases: ['报修', '维修'],
  roles: ['customer', 'dealer'],
  changesData: true,
  usage: { en: 'FIX sku [serial] what is wrong, e.g. FIX A100 SN12345 screen cracked', zh: '报修 产品编号 [序列号] 故障描述，如 报修 A100 SN12345 屏幕碎了' },
  parse([sku, ...rest]) {
    // The product is a code: `报修单88…` is a sentence about ticket 88, not a product named 单.
    if (sku !== undefined && !isCode(sku)) return fail({ code: 'USAGE' });
    const serial = rest[0] !== undefined && looksLikeSerial(rest[0]) ? rest[0] : null;
    const description = (serial ? rest.slice(1) : rest).join(' ').trim();
    return ok({ sku: sku ?? null, serial, description: description || null });
  },
  async handle(context, request) {
    const photoFileId = context.message.payload?.kind === 'photo' ? context.message.payload.fileId : null;
    const outcome = await startFix(context.store, context.person!, { ...request, photoFileId }, context.now);
    if (outcome.ok) announceFiled(context, outcome.value);
    return outcome;
  },
  render: { en: (outcome) => fixReply(outcome, 'en'), zh: (outcome) => fixReply(outcome, 'zh') },
};

/** A filed ticket's service point technicians are told, with who filed it. */
export function announceFiled(context: CommandContext, outcome: FixOutcome): void {
  if (outcome.kind !== 'filed') return;
  const { number, product, serial, technicians } = outcome.filed;
  for (const technician of technicians) {
    context.notify('ticket', technician, technicianNotice({ number, sku: product.sku, serial, description: outcome.description }, context.person!));
  }
}

export function fixReply(outcome: FixOutcome, language: Language): string {
  const zh = language === 'zh';
  if (outcome.kind === 'ask-product') {
    const ask = zh ? '请问是哪个产品？请发送产品编号，如 A100。' : 'Which product is it? Send its code, e.g. A100.';
    return outcome.refusal ? `${replies[language].error(outcome.refusal)} ${ask}` : ask;
  }
  if (outcome.kind === 'ask-description')
    return zh ? `${outcome.sku} 有什么问题？请简单描述。` : `What is wrong with the ${outcome.sku}? Describe it in a few words.`;
  const { number, product, serial, servicePoint } = outcome.filed;
  if (zh)
    return (
      `已报修 ${product.sku}${serial ? `（${serial}）` : ''}，工单号 ${number}` +
      (servicePoint ? `，由 ${servicePoint.name} 处理。` : '，稍后分配服务网点。') +
      `查询请发 工单 ${number}。`
    );
  return (
    `Ticket ${number} filed for ${product.sku}${serial ? ` (${serial})` : ''}` +
    (servicePoint ? `, assigned to ${servicePoint.name}.` : '; a service point will be assigned.') +
    ` Send TICKET ${number} for its status.`
  );
}

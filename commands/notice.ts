import type { BroadcastPreview } from '../domain/broadcasts';
import type { Keyboard } from '../domain/messages';
import { formatMoney } from '../domain/money';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { startNotice, type NoticeAnswer } from '../dialogs/noticeDialog';
import type { Command, CommandContext } from './command';
import { afterKeyword } from './lexer';
import { localTime } from './words';
import { yesNoButtons } from './buttons';

const names = ['NOTICE', '通知', '公告'] as const;

/**
 * NOTICE text (通知 内容): a manager's or supervisor's notice to everyone under them, by their
 * cheapest channel and in their hours. It previews how many, who not and why, the cost and when the
 * last will have it, and asks YES before anything is planned (noticeDialog).
 */
export const notice: Command<Record<string, never>, { preview: BroadcastPreview }> = {
  keyword: names[0],
  aliases: names.slice(1),
  roles: ['manager', 'supervisor'],
  changesData: true,
  usage: { en: 'NOTICE text, e.g. NOTICE Warehouse closed Friday', zh: '通知 内容，如 通知 周五仓库停业' },
  parse: (args) => (args.length > 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, person, message, broadcast, reach, now }) {
    return startNotice(store, person!, afterKeyword(message.text, names), { ...broadcast, now }, reach);
  },
  render: {
    en: ({ preview }, context) => ({ text: previewText(preview, 'en', context), keyboard: sendButtons('en') }),
    zh: ({ preview }, context) => ({ text: previewText(preview, 'zh', context), keyboard: sendButtons('zh') }),
  },
};

/** Under the question, on Telegram: they send YES or NO, as typing would. */
const sendButtons = (language: Language): Keyboard => (language === 'zh' ? yesNoButtons('✅ 发送', '❌ 取消') : yesNoButtons('✅ Send', '❌ Cancel'));

function previewText({ recipients, excluded, byChannel, texts, finishedBy }: BroadcastPreview, language: Language, context: CommandContext): string {
  const sms = byChannel.sms;
  const chat = byChannel.telegram?.recipients ?? 0;
  const wechat = byChannel.wechat?.recipients ?? 0;
  const segments = Math.max(...Object.values(texts).map((t) => t.segments));
  const cost = formatMoney(sms?.cost ?? 0, context.broadcast.currency);
  const optedOut = excluded.filter((e) => e.why === 'opted-out').length;
  const unreachable = excluded.filter((e) => e.why === 'unreachable').length;
  const by = finishedBy ? localTime(finishedBy, context.timezone) : null;
  if (language === 'zh') {
    // One UCS-2 segment (70 characters) in the common case.
    const ways = [
      sms ? `短信 ${sms.recipients} 人（各 ${segments} 条，${cost}）` : null,
      chat > 0 ? `Telegram ${chat} 人` : null,
      wechat > 0 ? `微信 ${wechat} 人` : null,
    ].filter(Boolean);
    const left =
      excluded.length > 0
        ? `；${excluded.length} 人收不到（${[optedOut ? `退订 ${optedOut}` : null, unreachable ? `无渠道 ${unreachable}` : null].filter(Boolean).join('，')}）`
        : '';
    return `将通知 ${recipients.length} 人：${ways.join('，')}${left}；${by ? `${by} 前送达。` : ''}回复 是 发送，否 取消。`;
  }
  const ways = [
    sms ? `${sms.recipients} by SMS (${segments} segment${segments === 1 ? '' : 's'} each, ${cost})` : null,
    chat > 0 ? `${chat} by Telegram` : null,
    wechat > 0 ? `${wechat} by WeChat` : null,
  ].filter(Boolean);
  const left =
    excluded.length > 0
      ? `; ${excluded.length} left out (${[optedOut ? `${optedOut} opted out` : null, unreachable ? `${unreachable} unreachable` : null].filter(Boolean).join(', ')})`
      : '';
  const people = `${recipients.length} ${recipients.length === 1 ? 'person' : 'people'}`;
  // Everyone by one channel: `Notice to 6 people by SMS (…)`; else each channel's count.
  const how = ways.length === 1 ? ` ${ways[0]!.replace(/^\d+ /, '')}` : `: ${ways.join(' and ')}`;
  return `Notice to ${people}${how}${left}.${by ? ` All have it by ${by}.` : ''} Reply YES to send, NO to cancel.`;
}

/** What YES or NO to a notice did. */
export function noticeReply(answer: NoticeAnswer, language: Language, timezone: string): string {
  const zh = language === 'zh';
  switch (answer.kind) {
    case 'sent': {
      const by = answer.finishedBy ? localTime(answer.finishedBy, timezone) : null;
      return zh
        ? `通知已发出，共 ${answer.planned} 人${by ? `，预计 ${by} 前全部送达` : ''}。`
        : `Notice sent to ${answer.planned} ${answer.planned === 1 ? 'person' : 'people'}${by ? `; all have it by ${by}` : ''}.`;
    }
    case 'dropped':
      return zh ? '通知已取消，未发送。' : 'Notice cancelled; nothing was sent.';
    case 'decided':
      return answer.status === 'confirmed'
        ? zh
          ? '该通知已发出。'
          : 'That notice was sent already.'
        : zh
          ? '该通知已取消，未发送。'
          : 'That notice was cancelled; nothing was sent.';
  }
}

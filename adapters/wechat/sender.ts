import { DateTime } from 'luxon';
import { chatUserId } from '../../domain/channels';
import type { ProactiveKind } from '../../domain/messages';
import { notConnected, SendError, sendTimeoutMs, type MessageSender, type OutboxMessage, type SendReceipt } from '../../domain/ports';
import { invalidTokenCodes, type WechatTokens } from './token';
import type { WechatWindow } from './window';

export interface WechatSenderOptions {
  tokens: WechatTokens;
  /** https://api.weixin.qq.com, or a test server's */
  apiRoot: string;
  window: WechatWindow;
  /** per proactive kind, the template (WECHAT_TEMPLATES) that reaches a user outside the 48-hour window */
  templates: Partial<Record<ProactiveKind, string>>;
  /** the zone a template's time field is written in */
  zone: string;
  now?: () => Date;
}

/** WeChat's answer to every API call: errcode 0 (or none) is success. */
type WechatAnswer = { errcode?: number; errmsg?: string; msgid?: number | string };

/** Out of the 48-hour window (45015), or past the messages allowed within it (45047): a template may still reach them. */
const outOfWindow: readonly number[] = [45015, 45047];

/**
 * Sends to WeChat users (issue 22): a customer-service message (客服消息) while the user's 48-hour
 * window is open, else, for a proactive kind with a template configured, a template message
 * (模板消息). Buttons become a message menu (msgmenu) whose options the webhook reads back as their replies;
 * a template cannot carry them, nor more than 20 characters per field.
 */
export function wechatSender(options: WechatSenderOptions): MessageSender {
  const now = options.now ?? (() => new Date());
  const post = (path: string, body: unknown) =>
    options.tokens.call<WechatAnswer>(async (token) => {
      try {
        const response = await fetch(`${options.apiRoot}${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(sendTimeoutMs),
        });
        if (response.status >= 500) return { errcode: -1, errmsg: `HTTP ${response.status}` };
        return (await response.json()) as WechatAnswer;
      } catch (error) {
        throw sendFailure(error);
      }
    });

  async function sendTemplate(message: OutboxMessage, openId: string, templateId: string): Promise<SendReceipt> {
    const answer = await post('/cgi-bin/message/template/send', { touser: openId, template_id: templateId, data: templateData(message, options.zone, now()) });
    if (!answer.errcode) return { providerId: answer.msgid === undefined ? null : `template:${answer.msgid}`, status: 'sent' };
    throw classify(answer);
  }

  return {
    async send(message) {
      const openId = chatUserId(message.to);
      const template = message.kind === 'reply' ? undefined : options.templates[message.kind];
      try {
        if (template && !(await options.window.isOpen(openId))) return await sendTemplate(message, openId, template);
        const answer = await post('/cgi-bin/message/custom/send', customMessage(openId, message));
        if (!answer.errcode) return { providerId: null, status: 'sent' };
        if (template && outOfWindow.includes(answer.errcode)) return await sendTemplate(message, openId, template);
        throw classify(answer);
      } catch (error) {
        // Anything else failed before a message left: the access token could not be had.
        throw error instanceof SendError ? error : new SendError(`WeChat access token: ${(error as Error).message}`, 'retry', 'TOKEN', { cause: error });
      }
    },
  };
}

/** A customer-service text, or a message menu when it offers choices (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html). */
function customMessage(openId: string, message: OutboxMessage) {
  const { text, keyboard } = message;
  if (keyboard?.kind !== 'choices') return { touser: openId, msgtype: 'text', text: { content: text } };
  // A tapped option sends its label back with its id: the message's outbox id and the option's place (1–9), whose reply the webhook looks up.
  const list = keyboard.choices.slice(0, 9).map((choice, i) => ({ id: `${message.id}${i + 1}`, content: choice.label }));
  return { touser: openId, msgtype: 'msgmenu', msgmenu: { head_content: text, list, tail_content: '' } };
}

/** What each proactive kind is, as a template's first field says it (the account serves mainland China: in Chinese). */
const kindTitles: Record<ProactiveKind, string> = {
  approval: '待您审批',
  alert: '告警通知',
  'order-status': '订单状态更新',
  ticket: '服务工单',
  reminder: '提醒',
  broadcast: '通知',
  statement: '对账单',
  dunning: '付款提醒',
  birthday: '生日祝福',
};

/** A template field holds at most 20 characters (thing) and a time (time): the text is cut, the whole of it is in the message log. */
function templateData(message: OutboxMessage, zone: string, at: Date) {
  const options = message.keyboard?.kind === 'choices' ? ` (${message.keyboard.choices.map((c) => c.reply).join(' / ')})` : '';
  const text = `${message.text}${options}`;
  const chars = [...text];
  return {
    thing1: { value: kindTitles[message.kind as ProactiveKind] },
    thing2: { value: chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : text },
    time3: { value: DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm') },
  };
}

/**
 * WeChat's global return codes (https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html)
 * as the retry rules and the contact policy read them.
 */
function classify(answer: WechatAnswer): SendError {
  const code = answer.errcode!;
  const text = `WeChat ${code}: ${answer.errmsg ?? ''}`.trim();
  if (code === -1 || code === 45011) return new SendError(text, 'retry', String(code), { retryAfterMs: code === 45011 ? 1000 : undefined });
  // The daily quota of API calls is spent: it resets at midnight, Beijing time.
  if (code === 45009) return new SendError(text, 'retry', String(code), { retryAfterMs: untilMidnightInChina() });
  // A token refetched once and still refused: the next attempt fetches again.
  if (invalidTokenCodes.includes(code)) return new SendError(text, 'retry', String(code));
  // The user unsubscribed from the account: unreachable on WeChat until they write again.
  if (code === 43004) return new SendError(text, 'permanent', String(code), { unreachable: 'blocked' });
  return new SendError(text, 'permanent', String(code));
}

const untilMidnightInChina = (): number => {
  const at = DateTime.now().setZone('Asia/Shanghai');
  return at.plus({ days: 1 }).startOf('day').diff(at).toMillis() + 60_000;
};

/** A send request that failed: refused before it left (retry), or its outcome unknown. */
function sendFailure(error: unknown): SendError {
  const code = ((error as { cause?: { code?: string } }).cause?.code ?? null) as string | null;
  if (code && notConnected.has(code)) return new SendError(`WeChat unreachable: ${code}`, 'retry', code, { cause: error });
  // A timeout or a reset after the request left: WeChat may have it, and cannot be asked.
  return new SendError(`WeChat send outcome unknown: ${(error as Error).message}`, 'unknown', code ?? 'UNKNOWN_OUTCOME', { cause: error });
}

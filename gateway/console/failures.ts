import type { Language } from '../../domain/people';

/**
 * What a provider's failure code means, in plain words. Twilio's codes from its error dictionary
 * (https://www.twilio.com/docs/api/errors/<code>); Telegram's from the Bot API's error answers; ours
 * from the dispatcher (gateway/pipeline.ts).
 */
const explanations: Record<string, Record<Language, string>> = {
  '21211': { en: 'The number is not a valid phone number.', zh: '号码不是有效的手机号。' },
  '21408': { en: 'Sending to this country is not enabled on the Twilio account.', zh: 'Twilio 账户未开通向该国家/地区发送。' },
  '21610': { en: 'The person replied STOP to this number: they are opted out.', zh: '对方已回复 STOP 退订此号码。' },
  '21614': { en: 'The number cannot receive SMS (a landline or not mobile).', zh: '该号码无法接收短信（固话或非手机号）。' },
  '30003': { en: 'The phone was unreachable (off or out of coverage).', zh: '对方手机无法接通（关机或无信号）。' },
  '30005': { en: 'The number is unknown to the carrier or no longer in service.', zh: '运营商无此号码或号码已停用。' },
  '30006': { en: 'The number is a landline or the carrier cannot deliver SMS to it.', zh: '该号码为固话或运营商无法投递短信。' },
  '30007': { en: 'The carrier filtered the message as spam.', zh: '运营商将短信作为垃圾短信拦截。' },
  '30008': { en: 'The carrier did not say why it failed.', zh: '运营商未说明失败原因。' },
  '403': { en: 'The person blocked the bot on Telegram.', zh: '对方在 Telegram 上屏蔽了机器人。' },
  '400': { en: 'Telegram refused the message (the chat does not exist or the text is malformed).', zh: 'Telegram 拒收（聊天不存在或内容格式错误）。' },
  // WeChat's global return codes (https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).
  '45015': {
    en: 'WeChat: the person has not written in 48 hours, and this kind has no template message (WECHAT_TEMPLATES).',
    zh: '微信：对方 48 小时内未发消息，且此类消息未配置模板消息（WECHAT_TEMPLATES）。',
  },
  '45047': { en: 'WeChat: more messages than WeChat allows since the person last wrote.', zh: '微信：自对方上次发消息后，发送条数已超上限。' },
  '43004': { en: 'WeChat: the person no longer follows the account.', zh: '微信：对方已取消关注公众号。' },
  '45009': {
    en: 'WeChat: the account’s daily API quota is spent; it resets at midnight, Beijing time.',
    zh: '微信：公众号当日接口调用次数已用完，北京时间零点重置。',
  },
  '40001': { en: 'WeChat refused the access token: check WECHAT_APP_SECRET.', zh: '微信拒绝了 access_token：请检查 WECHAT_APP_SECRET。' },
  '40003': { en: 'WeChat: the OpenID is not one of this account’s users.', zh: '微信：该 OpenID 不属于本公众号。' },
  '40037': { en: 'WeChat: the template id in WECHAT_TEMPLATES is not one of the account’s templates.', zh: '微信：WECHAT_TEMPLATES 中的模板 ID 无效。' },
  OPTED_OUT: { en: 'The recipient opted out on this channel before it left.', zh: '发出前收件人已在此渠道退订。' },
  REASON_GONE: { en: 'Its reason no longer held when it was due (the invoice was paid, the alert closed).', zh: '到时原因已不存在（发票已付、预警已关闭）。' },
  EXPIRED: { en: 'It could not leave before it stopped being useful (its expiry passed in quiet hours).', zh: '在失效前未能发出（免打扰时段内已过期）。' },
  CAPPED: { en: 'The recipient’s daily message cap was reached until after it expired.', zh: '收件人当日消息已达上限，直至消息过期。' },
  CHANNEL_OFF: { en: 'That channel is not configured on this gateway.', zh: '本网关未配置该渠道。' },
  UNKNOWN_OUTCOME: {
    en: 'The send was interrupted three times and the provider could not confirm it: check with the provider before resending.',
    zh: '发送三次中断且服务商无法确认，重发前请向服务商核实。',
  },
};

export const explainFailure = (code: string | null, language: Language): string | null => (code ? (explanations[code]?.[language] ?? null) : null);

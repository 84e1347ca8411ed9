import type { Language } from '../domain/people';
import type { DomainError } from '../domain/result';
import type { ParseError } from './command';
import { errorText } from './errors/texts';

/** Replies shared by every command, in both languages; one SMS segment each. */
export const replies: Record<
  Language,
  {
    notRegistered: string;
    /** to a sender the traffic guard slows down: once a spell */
    slowedDown: string;
    /** on Telegram: how to link the chat, under a "share phone number" button */
    linkThisChat: string;
    /** on WeChat, which has no such button: how to link */
    linkThisWechat: string;
    shareContactButton: string;
    linked: (name: string) => string;
    refused: (keyword: string) => string;
    usage: (usage: string) => string;
    error: (error: DomainError | ParseError) => string;
  }
> = {
  en: {
    notRegistered: 'This number is not registered with fieldline. Please ask your sales manager to add you.',
    slowedDown: 'Your messages are arriving faster than we answer them: each one will be answered, more slowly.',
    linkThisChat: 'This chat is not linked to fieldline yet. Tap "Share my phone number" below, or send the link code your manager gave you.',
    linkThisWechat: 'This WeChat is not linked to fieldline yet. Send the link code your manager gave you (8 letters and digits), or scan their QR code.',
    shareContactButton: 'Share my phone number',
    linked: (name) => `Linked: this chat now belongs to ${name}. Send HELP for your commands.`,
    refused: (keyword) => `${keyword} is not available to you. Send HELP for your commands.`,
    usage: (usage) => `Usage: ${usage}`,
    error: (error) => errorText(error, 'en'),
  },
  zh: {
    notRegistered: '此号码未在 fieldline 登记，请联系您的销售经理。',
    slowedDown: '您的消息发送过快：每条都会回复，但会稍慢一些。',
    linkThisChat: '此聊天尚未绑定 fieldline。请点下方"分享手机号"，或发送经理给您的绑定码。',
    linkThisWechat: '此微信尚未绑定 fieldline。请发送经理给您的绑定码（8 位字母和数字），或扫描其二维码。',
    shareContactButton: '分享手机号',
    linked: (name) => `绑定成功：此聊天属于 ${name}。发送 帮助 查看可用指令。`,
    refused: (keyword) => `您无权使用 ${keyword}。发送 帮助 查看可用指令。`,
    usage: (usage) => `用法：${usage}`,
    error: (error) => errorText(error, 'zh'),
  },
};

import type { Language } from '../domain/people';
import type { DomainError } from '../domain/result';
import type { ParseError } from './command';

/** Replies shared by every command, in both languages; one SMS segment each. */
export const replies: Record<Language, {
  notRegistered: string;
  refused: (keyword: string) => string;
  usage: (usage: string) => string;
  error: (error: DomainError | ParseError) => string;
}> = {
  en: {
    notRegistered: 'This number is not registered with fieldline. Please ask your sales manager to add you.',
    refused: (keyword) => `${keyword} is not available to you. Send HELP for your commands.`,
    usage: (usage) => `Usage: ${usage}`,
    error: (error) => {
      switch (error.code) {
        case 'SKU.UNKNOWN':
          return `Unknown product ${error.sku}.` + (error.suggestions.length ? ` Did you mean ${error.suggestions.join(', ')}?` : '');
        case 'WAREHOUSE.UNKNOWN':
          return `Unknown warehouse ${error.warehouse}. Known: ${error.known.join(', ')}.`;
        case 'ORDER.NOT_FOUND':
          return `No order ${error.number} found for you.`;
        case 'QTY.INVALID':
          return `${error.token} is not a quantity: use a whole number above 0.`;
        case 'USAGE':
          return 'That command is incomplete. Send HELP.';
      }
    },
  },
  zh: {
    notRegistered: '此号码未在 fieldline 登记，请联系您的销售经理。',
    refused: (keyword) => `您无权使用 ${keyword}。发送 帮助 查看可用指令。`,
    usage: (usage) => `用法：${usage}`,
    error: (error) => {
      switch (error.code) {
        case 'SKU.UNKNOWN':
          return `没有产品 ${error.sku}。` + (error.suggestions.length ? `您是指 ${error.suggestions.join('、')}？` : '');
        case 'WAREHOUSE.UNKNOWN':
          return `没有仓库 ${error.warehouse}。可选：${error.known.join('、')}。`;
        case 'ORDER.NOT_FOUND':
          return `未找到您的订单 ${error.number}。`;
        case 'QTY.INVALID':
          return `${error.token} 不是有效数量，请用大于 0 的整数。`;
        case 'USAGE':
          return '指令不完整，发送 帮助 查看用法。';
      }
    },
  },
};


import type { Language } from '../domain/people';
import type { DomainError } from '../domain/result';
import type { ParseError } from './command';

/** Replies shared by every command, in both languages; one SMS segment each. */
export const replies: Record<Language, {
  notRegistered: string;
  /** on Telegram: how to link the chat, under a "share phone number" button */
  linkThisChat: string;
  shareContactButton: string;
  linked: (name: string) => string;
  refused: (keyword: string) => string;
  usage: (usage: string) => string;
  error: (error: DomainError | ParseError) => string;
}> = {
  en: {
    notRegistered: 'This number is not registered with fieldline. Please ask your sales manager to add you.',
    linkThisChat: 'This chat is not linked to fieldline yet. Tap "Share my phone number" below, or send the link code your manager gave you.',
    shareContactButton: 'Share my phone number',
    linked: (name) => `Linked: this chat now belongs to ${name}. Send HELP for your commands.`,
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
        case 'QTY.MISSING':
          return `How many ${error.sku}? Put the quantity after it, e.g. ${error.sku} 5.`;
        case 'USAGE':
          return 'That command is incomplete. Send HELP.';
        case 'LINK.NOT_OWN_CONTACT':
          return 'Please share your own contact with the button below; a forwarded contact cannot link this chat.';
        case 'LINK.UNKNOWN_PHONE':
          return `${error.phone} is not registered with fieldline. Please ask your sales manager to add you.`;
        case 'ORDER.QTY_TOO_LARGE':
          return `${error.qty} of ${error.sku} is more than one order may ask (${error.max}). Please check the quantity.`;
        case 'ORDER.NOT_ENOUGH_STOCK':
          return `Only ${error.available} of ${error.sku} available. Nothing was ordered.`;
        case 'ORDER.OVER_ALLOCATION':
          return `Your allocation of ${error.sku} is ${error.quota}; ${error.left} left to order. Nothing was ordered.`;
        case 'ORDER.NO_APPROVER':
          return 'This order needs approval, but no manager is set for you. Please call your sales office.';
        case 'ORDER.NOT_PENDING':
          return `Order ${error.number} is not waiting for approval.`;
        case 'ORDER.NOT_YOUR_APPROVAL':
          return `Order ${error.number} is not yours to approve.`;
        case 'DIALOG.NOTHING_PENDING':
          return 'There is nothing to confirm.';
        case 'ALERT.NOT_FOUND':
          return `No alert ${error.id}.`;
        case 'ALERT.NOT_YOURS':
          return `Alert ${error.id} is not yours to acknowledge.`;
        case 'ALERT.CLOSED':
          return `Alert ${error.id} was acknowledged or resolved already.`;
        case 'STORE.UNKNOWN':
          return `No store ${error.store}.`;
        case 'STORE.NOT_ASSIGNED':
          return `You are not assigned to ${error.store}.` + (error.assigned.length ? ` Your stores: ${error.assigned.join(', ')}.` : ' Ask your supervisor to assign you a store.');
        case 'CHECKIN.ALREADY_OPEN':
          return `You are checked in at ${error.store} already. Send OUT first.`;
        case 'CHECKIN.NONE':
          return 'You are not checked in. Send IN and your store code.';
        case 'POSITION.INVALID':
          return 'That position is out of range: send latitude then longitude in degrees, e.g. IN S1 31.1952 121.4365.';
        case 'DATE.INVALID':
          return 'That date does not exist. Write it as 11-22, 22/11, 2026-11-22, today or yesterday.';
        case 'DATE.FUTURE':
          return `${error.day} is in the future.`;
        case 'DATE.TOO_OLD':
          return `${error.day} is more than ${error.maxDays} days ago: ask your supervisor to correct it.`;
        case 'PAY.NO_PLAN':
          return `You have no incentive plan for ${error.month}. Ask your supervisor.`;
        case 'TICKET.NOT_FOUND':
          return `No ticket ${error.number} of yours.`;
        case 'TICKET.NOT_YOURS':
          return `Ticket ${error.number} is with another service point.`;
        case 'TICKET.CANNOT':
          return `Ticket ${error.number} is ${error.status.replace('_', ' ')}: that step does not apply.`;
        case 'SELL_OUT.NOT_FOUND':
          return `No sell-out report ${error.id}.`;
        case 'SELL_OUT.REPLACED':
          return `Report ${error.id} was replaced by a later report of the same day.`;
        case 'PERSON.NOT_FOUND':
          return `No person ${error.id}.`;
        case 'SERVICE_POINT.UNKNOWN':
          return `No service point ${error.servicePoint}.`;
        case 'ORDER.CANNOT_MOVE':
          return `Order ${error.number} cannot move from ${error.from} to ${error.to}.`;
        case 'DELIVERY.UNLOCATED':
          return `No location for ${error.places.join(', ')}: a stop needs one.`;
        case 'ACTOR.NOT_LINKED':
          return 'Your operator account is linked to no person: an admin links it to act with their authority.';
        case 'ACTOR.NO_AUTHORITY':
          return `${error.person} may not ${error.action}.`;
        case 'LOCATION.UNREADABLE':
          return `${{
            'out-of-range': 'That position is out of range (latitude first, then longitude).',
            ambiguous: 'That can be read as more than one place.',
            'address-only': 'That names a place, not its coordinates.',
            'short-link': 'A short link cannot be opened here: open it and share the location.',
            'other-datum': 'Those coordinates are in a system I do not convert.',
            'needs-full-code': 'That Plus Code is short: send the full code.',
            unrecognised: 'That is no position I can read.',
          }[error.reason]} ${error.asked === 'in' ? 'Send IN store lat lon, e.g. IN S1 31.1952 121.4365.' : 'Send LOC lat lon, e.g. LOC 31.2304 121.4737, or share your location.'}`;
        case 'SALES.WHICH_STORE':
          return `Check in first (IN store-code) so we know which store: ${error.assigned.join(', ') || 'you have none assigned'}.`;
        case 'LINK.CODE_REFUSED':
          return error.reason === 'used' ? 'That link code was used already. Ask your manager for a new one.'
            : error.reason === 'expired' ? 'That link code has expired. Ask your manager for a new one.'
            : 'That link code is not known. Check it, or share your phone number with the button below.';
      }
    },
  },
  zh: {
    notRegistered: '此号码未在 fieldline 登记，请联系您的销售经理。',
    linkThisChat: '此聊天尚未绑定 fieldline。请点下方"分享手机号"，或发送经理给您的绑定码。',
    shareContactButton: '分享手机号',
    linked: (name) => `绑定成功：此聊天属于 ${name}。发送 帮助 查看可用指令。`,
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
        case 'QTY.MISSING':
          return `${error.sku} 要多少？请在后面写数量，如 ${error.sku} 5。`;
        case 'USAGE':
          return '指令不完整，发送 帮助 查看用法。';
        case 'LINK.NOT_OWN_CONTACT':
          return '请用下方按钮分享您本人的联系方式；转发他人的名片不能绑定。';
        case 'LINK.UNKNOWN_PHONE':
          return `${error.phone} 未在 fieldline 登记，请联系您的销售经理。`;
        case 'ORDER.QTY_TOO_LARGE':
          return `${error.sku} 数量 ${error.qty} 超过单笔上限 ${error.max}，请核对。`;
        case 'ORDER.NOT_ENOUGH_STOCK':
          return `${error.sku} 仅剩 ${error.available}，未下单。`;
        case 'ORDER.OVER_ALLOCATION':
          return `您的 ${error.sku} 配额为 ${error.quota}，还可订 ${error.left}，未下单。`;
        case 'ORDER.NO_APPROVER':
          return '此订单需要审批，但您没有设定经理，请联系销售办公室。';
        case 'ORDER.NOT_PENDING':
          return `订单 ${error.number} 不在待审批状态。`;
        case 'ORDER.NOT_YOUR_APPROVAL':
          return `订单 ${error.number} 不由您审批。`;
        case 'DIALOG.NOTHING_PENDING':
          return '没有待确认的事项。';
        case 'ALERT.NOT_FOUND':
          return `没有预警 ${error.id}。`;
        case 'ALERT.NOT_YOURS':
          return `预警 ${error.id} 不由您确认。`;
        case 'ALERT.CLOSED':
          return `预警 ${error.id} 已被确认或已解除。`;
        case 'STORE.UNKNOWN':
          return `没有门店 ${error.store}。`;
        case 'STORE.NOT_ASSIGNED':
          return `您未分配到门店 ${error.store}。` + (error.assigned.length ? `您的门店：${error.assigned.join('、')}。` : '请联系督导分配门店。');
        case 'CHECKIN.ALREADY_OPEN':
          return `您已在 ${error.store} 签到，请先签退。`;
        case 'CHECKIN.NONE':
          return '您尚未签到。请发送 签到 和门店编号。';
        case 'POSITION.INVALID':
          return '位置超出范围：请先纬度后经度，如 签到 S1 31.1952 121.4365。';
        case 'DATE.INVALID':
          return '日期无效。请写成 11-22、22/11、2026-11-22、今天 或 昨天。';
        case 'DATE.FUTURE':
          return `${error.day} 尚未到来。`;
        case 'DATE.TOO_OLD':
          return `${error.day} 已超过 ${error.maxDays} 天，请联系督导更正。`;
        case 'PAY.NO_PLAN':
          return `您 ${error.month} 没有激励方案，请联系督导。`;
        case 'TICKET.NOT_FOUND':
          return `未找到您的工单 ${error.number}。`;
        case 'TICKET.NOT_YOURS':
          return `工单 ${error.number} 由其他服务网点处理。`;
        case 'TICKET.CANNOT':
          return `工单 ${error.number} 当前状态不适用此操作。`;
        case 'SELL_OUT.NOT_FOUND':
          return `没有销量报告 ${error.id}。`;
        case 'SELL_OUT.REPLACED':
          return `报告 ${error.id} 已被同日的新报告取代。`;
        case 'PERSON.NOT_FOUND':
          return `没有人员 ${error.id}。`;
        case 'SERVICE_POINT.UNKNOWN':
          return `没有服务网点 ${error.servicePoint}。`;
        case 'ORDER.CANNOT_MOVE':
          return `订单 ${error.number} 不能从 ${error.from} 变为 ${error.to}。`;
        case 'DELIVERY.UNLOCATED':
          return `${error.places.join('、')} 没有位置，无法作为送货站点。`;
        case 'ACTOR.NOT_LINKED':
          return '您的操作员账户未关联人员，请管理员关联后再以其权限操作。';
        case 'ACTOR.NO_AUTHORITY':
          return `${error.person} 无权执行 ${error.action}。`;
        case 'LOCATION.UNREADABLE':
          return `${{
            'out-of-range': '位置超出范围（先纬度后经度）。',
            ambiguous: '该位置可理解为不同地点。',
            'address-only': '只有地名，没有坐标。',
            'short-link': '短链接无法打开，请打开后直接发送位置。',
            'other-datum': '该坐标系无法换算。',
            'needs-full-code': 'Plus Code 不完整，请发送完整代码。',
            unrecognised: '无法识别位置。',
          }[error.reason]}${error.asked === 'in' ? '请发送 签到 门店 纬度 经度，如 签到 S1 31.1952 121.4365。' : '请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。'}`;
        case 'SALES.WHICH_STORE':
          return `请先签到（签到 门店编号）以确定门店：${error.assigned.join('、') || '您尚未分配门店'}。`;
        case 'LINK.CODE_REFUSED':
          return error.reason === 'used' ? '此绑定码已被使用，请向经理索取新码。'
            : error.reason === 'expired' ? '此绑定码已过期，请向经理索取新码。'
            : '绑定码无效。请核对，或用下方按钮分享手机号。';
      }
    },
  },
};


import type { ErrorTexts } from './types';

/** FIX and TICKET, and the service desk (domain/serviceDesk.ts). */
export const ticketsErrors: ErrorTexts<'TICKET.NOT_FOUND' | 'TICKET.NOT_YOURS' | 'TICKET.CANNOT' | 'SERVICE_POINT.UNKNOWN'> = {
  'TICKET.NOT_FOUND': {
    en: (error) => `No ticket ${error.number} of yours.`,
    zh: (error) => `未找到您的工单 ${error.number}。`,
  },
  'TICKET.NOT_YOURS': {
    en: (error) => `Ticket ${error.number} is with another service point.`,
    zh: (error) => `工单 ${error.number} 由其他服务网点处理。`,
  },
  'TICKET.CANNOT': {
    en: (error) => `Ticket ${error.number} is ${error.status.replace('_', ' ')}: that step does not apply.`,
    zh: (error) => `工单 ${error.number} 当前状态不适用此操作。`,
  },
  'SERVICE_POINT.UNKNOWN': {
    en: (error) => `No service point ${error.servicePoint}.`,
    zh: (error) => `没有服务网点 ${error.servicePoint}。`,
  },
};

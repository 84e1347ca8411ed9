import type { Channel, OutboundMessage } from '../domain/messages';
import type { Person } from '../domain/people';

/**
 * Where a message to a person goes: their linked Telegram chat if it works, else their linked
 * WeChat, else their phone; null when none is reachable. A simulated conversation stays in the
 * simulator, whoever it reaches; so does everything on a gateway with no provider configured (the
 * demo), where the message log shows it.
 */
export function addressOf(
  person: Person,
  cause: 'simulated' | 'real',
  reachable: readonly Channel[],
): Pick<OutboundMessage, 'channel' | 'transport' | 'to'> | null {
  const simulated = cause === 'simulated' || reachable.length === 0;
  const open = (channel: Channel) => simulated || reachable.includes(channel);
  if (person.telegramId && !person.telegramBlocked && open('telegram')) {
    return { channel: 'telegram', transport: simulated ? 'simulator' : 'telegram', to: `tg:${person.telegramId}` };
  }
  if (person.wechatId && !person.wechatBlocked && open('wechat')) {
    return { channel: 'wechat', transport: simulated ? 'simulator' : 'wechat', to: `wx:${person.wechatId}` };
  }
  if (person.phone && open('sms')) return { channel: 'sms', transport: simulated ? 'simulator' : 'twilio', to: person.phone };
  return null;
}

/** A person's address on each channel, where they have one (linked or not reachable alike). */
export const addressesOf = (person: Pick<Person, 'phone' | 'telegramId' | 'wechatId'>): Record<Channel, string | null> => ({
  sms: person.phone,
  telegram: person.telegramId ? `tg:${person.telegramId}` : null,
  wechat: person.wechatId ? `wx:${person.wechatId}` : null,
});

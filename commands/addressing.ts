import { channelPreference, chatAddress, providerOf } from '../domain/channels';
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
  const addresses = addressesOf(person);
  const channel = channelPreference.find((c) => addresses[c] && !blockedOn(person, c) && (simulated || reachable.includes(c)));
  return channel ? { channel, transport: simulated ? 'simulator' : providerOf[channel], to: addresses[channel]! } : null;
}

/** The person's chat there blocked the bot, or they unfollowed the account (until they write again). */
export const blockedOn = (person: Pick<Person, 'telegramBlocked' | 'wechatBlocked'>, channel: Channel): boolean =>
  channel === 'telegram' ? person.telegramBlocked : channel === 'wechat' ? person.wechatBlocked : false;

/** A person's address on each channel, where they have one (linked or not reachable alike). */
export const addressesOf = (person: Pick<Person, 'phone' | 'telegramId' | 'wechatId'>): Record<Channel, string | null> => ({
  sms: person.phone,
  telegram: person.telegramId ? chatAddress('telegram', person.telegramId) : null,
  wechat: person.wechatId ? chatAddress('wechat', person.wechatId) : null,
});

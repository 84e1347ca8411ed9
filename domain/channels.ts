/** The channel a person uses; a transport is how we reach them on it (twilio or the simulator for sms). */
export const channels = ['sms', 'telegram', 'wechat'] as const;
export type Channel = (typeof channels)[number];
export const transports = ['twilio', 'telegram', 'wechat', 'simulator'] as const;
export type Transport = (typeof transports)[number];

/** The chat channels: a person is linked to a user there (a Telegram user id, a WeChat OpenID). */
export const chatChannels = ['telegram', 'wechat'] as const;
export type ChatChannel = (typeof chatChannels)[number];

/** How a chat user's address is written in the message log (`tg:123`, `wx:oAbC…`). */
const prefixes: Record<ChatChannel, string> = { telegram: 'tg:', wechat: 'wx:' };
export const chatAddress = (channel: ChatChannel, userId: string): string => `${prefixes[channel]}${userId}`;
export const chatUserId = (address: string): string => address.replace(/^(tg|wx):/, '');
/** A chat address as the API accepts it: a Telegram user id is a number; an OpenID is 28 URL-safe characters. */
export const chatAddressPattern: Record<ChatChannel, RegExp> = { telegram: /^tg:\d+$/, wechat: /^wx:[\w-]{6,64}$/ };
export const isChatChannel = (channel: Channel): channel is ChatChannel => channel !== 'sms';

/** The order a person's channels are tried in: the chats first (they cost nothing), then SMS. */
export const channelPreference: readonly Channel[] = ['telegram', 'wechat', 'sms'];

/** The channel an address belongs to: `tg:` Telegram, `wx:` WeChat, anything else a phone. */
export const channelOfAddress = (address: string): Channel => (address.startsWith('tg:') ? 'telegram' : address.startsWith('wx:') ? 'wechat' : 'sms');

/** The provider a channel's messages go through when it is configured. */
export const providerOf: Record<Channel, Exclude<Transport, 'simulator'>> = { sms: 'twilio', telegram: 'telegram', wechat: 'wechat' };

import { randomBytes } from 'node:crypto';
import { chatUserId, isChatChannel } from './channels';
import type { InboundMessage } from './messages';
import type { Person } from './people';
import { toE164 } from './phone';
import type { Store } from './ports';
import { fail, ok, type Result } from './result';
import type { CountryCode } from 'libphonenumber-js';

/**
 * Linking a chat (Telegram, WeChat) to a registered person: by the person's own contact card (shared
 * with Telegram's "share phone number" button), or by a one-time code an operator issued (`/start
 * CODE` on Telegram, the code as a message or a QR code's scene on WeChat).
 */
export async function linkChat(store: Store, message: InboundMessage, now: Date, defaultCountry: CountryCode): Promise<Result<Person>> {
  if (!isChatChannel(message.channel)) throw new Error(`message ${message.inboxId} is not from a chat`);
  const userId = chatUserId(message.from);
  const payload = message.payload;
  let personId: string;
  if (payload?.kind === 'contact') {
    // A forwarded card of someone else carries their user id, or none: it must not link this chat.
    if (payload.contactUserId !== userId) return fail({ code: 'LINK.NOT_OWN_CONTACT' });
    const phone = toE164(payload.phone.startsWith('+') ? payload.phone : `+${payload.phone}`, defaultCountry) ?? payload.phone;
    const person = await store.people.byAddress('sms', phone);
    if (!person) return fail({ code: 'LINK.UNKNOWN_PHONE', phone });
    personId = person.id;
  } else if (payload?.kind === 'link-code') {
    const redeemed = await store.linkCodes.redeem(payload.code, userId, now);
    if ('refused' in redeemed) return fail({ code: 'LINK.CODE_REFUSED', reason: redeemed.refused });
    personId = redeemed.personId;
  } else {
    throw new Error(`message ${message.inboxId} carries nothing to link with`);
  }
  await store.people.linkChat(message.channel, personId, userId);
  return ok((await store.people.byAddress(message.channel, message.from))!);
}

/** How long an operator's link code works, and its alphabet (no 0/O, 1/I/L to misread). */
const linkCodeTtlMs = 24 * 3600 * 1000;
const linkCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time code an operator gives a person to link their chat (`/start CODE` on Telegram, the code itself on WeChat), good for 24 hours. */
export async function issueLinkCode(store: Store, personId: string, now: Date): Promise<Result<{ code: string; expiresAt: Date }>> {
  if (!(await store.people.byId(personId))) return fail({ code: 'PERSON.NOT_FOUND', id: personId });
  const code = Array.from(randomBytes(8), (byte) => linkCodeAlphabet[byte % linkCodeAlphabet.length]).join('');
  const expiresAt = new Date(now.getTime() + linkCodeTtlMs);
  await store.linkCodes.issue(personId, code, expiresAt);
  return ok({ code, expiresAt });
}

/** A link code a chat user typed (`K7M2P9QX`, `LINK K7M2P9QX`, `绑定 K7M2P9QX`), as the operator's console shows it. */
export function typedLinkCode(text: string): string | null {
  const typed = /^\s*(?:(?:link|\/start|绑定)\s*)?([a-z2-9]{8})\s*$/i.exec(text);
  return typed && [...typed[1]!.toUpperCase()].every((c) => linkCodeAlphabet.includes(c)) ? typed[1]!.toUpperCase() : null;
}

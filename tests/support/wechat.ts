import { createHash } from 'node:crypto';
import { encryptMessage } from '../../adapters/wechat/crypto';
import { wechatAppId, wechatToken, type TestGateway } from './gateway';

/** The AES key a test gateway with encrypted messages uses (43 characters of base64, as WeChat shows EncodingAESKey). */
export const wechatAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const accountId = 'gh_fieldline0001';

/** A signature as WeChat's documentation makes it: the parts sorted, joined, SHA-1, hex (not our code's). */
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

/** A message as WeChat posts it: text fields in CDATA, numbers bare. */
export function wechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => (typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

let msgId = 24_000_000_000_000_000n;
let createTime = 1_764_000_000;

/** The fields of a user's message to the account: a text by default, with a new MsgId. */
export function fromUser(openId: string, fields: Record<string, string | number>): Record<string, string | number> {
  const message = { ToUserName: accountId, FromUserName: openId, CreateTime: (createTime += 1), MsgType: 'text', ...fields };
  return message.MsgType === 'event' ? message : { ...message, MsgId: String((msgId += 1n)) };
}

/**
 * Posts a message to the gateway's WeChat webhook, signed (and encrypted) as WeChat does: the query's
 * signature over the token, timestamp and nonce; in safe mode the body replaced by its ciphertext and
 * msg_signature over that too.
 */
export async function postWechat(
  gateway: TestGateway,
  xml: string,
  options: { encrypted?: boolean; token?: string; aesKey?: string } = {},
): Promise<{ status: number; text: string }> {
  const token = options.token ?? wechatToken;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({
    signature: sha1(token, timestamp, nonce),
    timestamp,
    nonce,
    openid: /FromUserName><!\[CDATA\[([^\]]+)/.exec(xml)?.[1] ?? '',
  });
  let body = xml;
  if (options.encrypted) {
    const encrypted = encryptMessage(options.aesKey ?? wechatAesKey, xml, wechatAppId);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sha1(token, timestamp, nonce, encrypted));
    body = wechatXml({ ToUserName: accountId, Encrypt: encrypted });
  }
  const response = await fetch(`${gateway.url}/webhooks/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: response.status, text: await response.text() };
}

import { XMLParser } from 'fast-xml-parser';

/**
 * The XML WeChat posts to a server (issue 22), read with fast-xml-parser: every value kept as text
 * (a MsgId is a 64-bit number that a JavaScript number would round), entities not expanded beyond
 * XML's own. One message of the kinds fieldline takes, its idempotency key (MsgId, or FromUserName
 * and CreateTime for an event, as WeChat's documentation says to deduplicate), or why not.
 */
export type WechatInbound = {
  to: string;
  /** the sender's OpenID */
  from: string;
  createdAt: Date;
  key: string;
} &
  /** menuId: the option of a message menu the user tapped to send it (bizmsgmenuid) */
  (
    | { kind: 'text'; text: string; menuId?: string }
    /** WeChat gives Location_X/Location_Y in GCJ-02 */
    | { kind: 'location'; gcj02: { lat: number; lon: number }; label: string | null }
    | { kind: 'image'; mediaId: string; picUrl: string | null }
    /** `status` and `msgId`: a template message's delivery report (TEMPLATESENDJOBFINISH) */
    | { kind: 'event'; event: string; eventKey: string | null; status: string | null; msgId: string | null }
    | { kind: 'other'; msgType: string }
  );

const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
});

/** The `<xml>` element's fields, or null when the body is not one. */
export function xmlFields(body: string): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = parser.parse(body, true);
  } catch {
    return null;
  }
  const xml = (parsed as { xml?: unknown } | null)?.xml;
  if (!xml || typeof xml !== 'object') return null;
  return Object.fromEntries(Object.entries(xml as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** An encrypted body's ciphertext (`<Encrypt>`), or null. */
export const encryptedPart = (body: string): string | null => xmlFields(body)?.Encrypt ?? null;

export function readInbound(body: string): WechatInbound | { refused: string } {
  const f = xmlFields(body);
  if (!f) return { refused: 'not a well-formed <xml> document' };
  const { ToUserName: to, FromUserName: from, CreateTime: created, MsgType: type } = f;
  if (!to || !from || !created || !/^\d{1,12}$/.test(created) || !type) return { refused: 'missing ToUserName, FromUserName, CreateTime or MsgType' };
  const createdAt = new Date(Number(created) * 1000);
  const key = f.MsgId && /^\d{1,20}$/.test(f.MsgId) ? f.MsgId : `${from}:${created}`;
  const base = { to, from, createdAt, key };
  switch (type) {
    case 'text':
      if (f.Content === undefined) return { refused: 'a text without Content' };
      return { ...base, kind: 'text', text: f.Content, ...(f.bizmsgmenuid && /^\d{2,20}$/.test(f.bizmsgmenuid) ? { menuId: f.bizmsgmenuid } : {}) };
    case 'location': {
      const [lat, lon] = [Number(f.Location_X), Number(f.Location_Y)];
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
        return { refused: 'a location without a valid Location_X, Location_Y' };
      return { ...base, kind: 'location', gcj02: { lat, lon }, label: f.Label || null };
    }
    case 'image':
      return f.MediaId ? { ...base, kind: 'image', mediaId: f.MediaId, picUrl: f.PicUrl || null } : { refused: 'an image without MediaId' };
    case 'event':
      return f.Event
        ? { ...base, kind: 'event', event: f.Event.toLowerCase(), eventKey: f.EventKey || null, status: f.Status || null, msgId: f.MsgID || null }
        : { refused: 'an event without Event' };
    case 'voice':
      // With speech recognition on (接收语音识别结果), a voice message arrives with its text.
      return f.Recognition ? { ...base, kind: 'text', text: f.Recognition } : { ...base, kind: 'other', msgType: type };
    default:
      return { ...base, kind: 'other', msgType: type };
  }
}

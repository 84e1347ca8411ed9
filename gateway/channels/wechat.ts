import express, { Router, type Request } from 'express';
import { choiceSent, recordDeliveryStatus, type IncomingMessage } from '../../adapters/db/messageLog';
import { decryptMessage, signatureMatches } from '../../adapters/wechat/crypto';
import { encryptedPart, readInbound, type WechatInbound } from '../../adapters/wechat/xml';
import { chatAddress } from '../../domain/channels';
import { typedLinkCode } from '../../domain/linking';
import { toWgs84 } from '../../domain/places';
import { HttpError, route, sendError } from '../http';
import type { Intake } from '../intake';
import type { Runtime } from '../runtime';

/**
 * WeChat's calls to the server URL of an Official Account (issue 22). The GET WeChat makes when the
 * URL is saved (服务器配置) is answered with its `echostr`; each POST is a user's message or event,
 * signed with the token (SHA-1 over the sorted token, timestamp and nonce) and, in safe mode,
 * encrypted (msg_signature over the ciphertext too). A message is stored once per MsgId (an event
 * once per sender and time) and answered `success` at once, well inside WeChat's 5 seconds: the
 * reply goes out through the customer-service API afterwards.
 */
export function wechatRoutes(runtime: Runtime, intake: Intake): Router {
  const router = Router();
  const { metrics } = runtime;
  router.use((_req, res, next) => {
    if (!runtime.config.wechat) return sendError(res, new HttpError(404, 'CHANNEL_OFF', 'the WeChat channel is not configured (WECHAT_APP_ID)'));
    next();
  });
  router.get(
    '/',
    route(async (req, res) => {
      const { echostr } = req.query as Record<string, string | undefined>;
      if (!echostr) throw new HttpError(400, 'MALFORMED_QUERY', 'signature, timestamp, nonce and echostr are required');
      checkSignature(runtime, req);
      res.type('text/plain').send(echostr);
    }),
  );
  router.post(
    '/',
    express.text({ type: () => true, limit: '1mb' }),
    route(async (req, res) => {
      checkSignature(runtime, req);
      const inbound = readInbound(openBody(runtime, req));
      if ('refused' in inbound) throw new HttpError(400, 'MALFORMED_BODY', inbound.refused);
      const incoming = await toIncoming(runtime, inbound);
      if ('ignored' in incoming) {
        metrics.inbound.inc({ channel: 'wechat', outcome: 'ignored' });
        return void res.type('text/plain').send('success');
      }
      // Their message opens (or keeps open) the 48-hour window in which customer-service messages reach them: noted beside the store, not after it.
      const [stored] = await Promise.all([intake.accept(incoming), runtime.wechat!.window.heard(inbound.from, runtime.clock.now())]);
      metrics.inbound.inc({ channel: 'wechat', outcome: stored.duplicate ? 'duplicate' : 'stored' });
      res.type('text/plain').send('success');
    }),
  );
  return router;
}

function checkSignature(runtime: Runtime, req: Request): void {
  const { signature, timestamp, nonce } = req.query as Record<string, string | undefined>;
  if (!signature || !timestamp || !nonce) throw new HttpError(400, 'MALFORMED_QUERY', 'signature, timestamp and nonce are required');
  if (!signatureMatches(signature, runtime.config.wechat!.token, timestamp, nonce)) {
    runtime.metrics.inbound.inc({ channel: 'wechat', outcome: 'bad_signature' });
    throw new HttpError(403, 'BAD_SIGNATURE', 'signature does not match WECHAT_TOKEN');
  }
}

/** The posted XML, opened when it is encrypted (encrypt_type=aes): its msg_signature checked, then the AES ciphertext read. */
function openBody(runtime: Runtime, req: Request): string {
  const body = typeof req.body === 'string' ? req.body : '';
  const { encrypt_type: mode, msg_signature: msgSignature, timestamp, nonce } = req.query as Record<string, string | undefined>;
  if (mode !== 'aes') return body;
  const { token, encodingAesKey, appId } = runtime.config.wechat!;
  if (!encodingAesKey) throw new HttpError(400, 'NOT_ENCRYPTED', 'an encrypted message, but WECHAT_ENCODING_AES_KEY is not set');
  const encrypted = encryptedPart(body);
  if (!encrypted || !msgSignature) throw new HttpError(400, 'MALFORMED_BODY', 'an encrypted message needs <Encrypt> and msg_signature');
  if (!signatureMatches(msgSignature, token, timestamp!, nonce!, encrypted)) {
    runtime.metrics.inbound.inc({ channel: 'wechat', outcome: 'bad_signature' });
    throw new HttpError(403, 'BAD_SIGNATURE', 'msg_signature does not match the message');
  }
  const opened = decryptMessage(encodingAesKey, encrypted, appId);
  if ('refused' in opened)
    throw new HttpError(400, 'MALFORMED_BODY', opened.refused === 'wrong-app' ? 'the message is for another AppID' : 'the ciphertext does not open');
  return opened.message;
}

/**
 * A QR code made with a link code as its scene: `qrscene_CODE` when it made them follow the account,
 * `CODE` when they already did. Other scenes (a product's barcode, a campaign's code) link no one.
 */
const sceneCode = (event: 'subscribe' | 'scan', eventKey: string | null): string | null => {
  const scene = event === 'subscribe' ? /^qrscene_(.+)$/.exec(eventKey ?? '')?.[1] : eventKey;
  return scene ? typedLinkCode(scene) : null;
};

/**
 * One WeChat message as an inbox message: a text (or a menu click, as the command its key names), a
 * location converted from GCJ-02 to WGS-84, an image as a service request with its photo, a following that
 * links by a QR code's scene or is greeted with HELP. What changes no conversation (an unfollowing,
 * a template's delivery report) is applied here and not stored as a message.
 */
async function toIncoming(runtime: Runtime, inbound: WechatInbound): Promise<IncomingMessage | { ignored: string }> {
  const base = { channel: 'wechat', transport: 'wechat', externalId: inbound.key, from: chatAddress('wechat', inbound.from), to: inbound.to } as const;
  switch (inbound.kind) {
    case 'text': {
      // A tapped menu option: the reply it stands for, as a tapped Telegram button sends its data.
      const reply = inbound.menuId ? await choiceSent(runtime.sql, inbound.menuId.slice(0, -1), base.from, Number(inbound.menuId.slice(-1)) - 1) : null;
      return { ...base, text: reply ?? inbound.text };
    }
    case 'location': {
      const { lat, lon } = toWgs84(inbound.gcj02, 'gcj02');
      return { ...base, text: `geo:${lat.toFixed(6)},${lon.toFixed(6)}`, payload: { kind: 'location', live: null, liveUntil: null } };
    }
    case 'image':
      // A WeChat image has no caption: it is a Telegram photo captioned FIX, a service request whose dialog asks the rest.
      return { ...base, text: 'FIX', payload: { kind: 'photo', fileId: `wechat:${inbound.mediaId}` } };
    case 'other':
      return { ignored: `${inbound.msgType} messages are not handled` };
    case 'event':
      switch (inbound.event) {
        case 'subscribe':
        case 'scan': {
          const code = sceneCode(inbound.event, inbound.eventKey);
          if (code) return { ...base, text: '', payload: { kind: 'link-code', code, language: null } };
          return inbound.event === 'subscribe' ? { ...base, text: 'HELP' } : { ignored: 'a scan of a code that is no link code' };
        }
        case 'click':
          return inbound.eventKey ? { ...base, text: inbound.eventKey } : { ignored: 'a menu click without a key' };
        case 'unsubscribe':
          await runtime.store.people.setChatBlocked('wechat', inbound.from, true);
          return { ignored: 'unsubscribed: unreachable on WeChat until they write again' };
        case 'templatesendjobfinish':
          if (inbound.msgId)
            await recordDeliveryStatus(runtime.sql, {
              outboxId: null,
              providerId: `template:${inbound.msgId}`,
              status: inbound.status === 'success' ? 'delivered' : 'failed',
              errorCode: inbound.status === 'success' ? null : inbound.status,
            });
          return { ignored: 'a template delivery report' };
        default:
          return { ignored: `${inbound.event} events are not handled` };
      }
  }
}

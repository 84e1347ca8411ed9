import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { Router, type Request } from 'express';
import twilio from 'twilio';
import { recordDeliveryStatus } from '../../adapters/db/messageLog';
import { unsubscribedRecipient } from '../../adapters/sms/twilio';
import { deliveryStatuses, type DeliveryStatus } from '../../domain/messages';
import { toE164 } from '../../domain/phone';
import { answerError, HttpError, readForm, route, sendError } from '../http';
import type { Intake } from '../intake';
import type { Runtime } from '../runtime';

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Where Twilio posts incoming SMS (interfaces.md). */
export const smsWebhookPath = '/webhooks/twilio/sms';
/** Twilio's form parameters are a few hundred bytes; a larger body is refused, not stored. */
const formLimitBytes = 64 * 1024;

/**
 * Incoming SMS (courier handlers/twiml): validate the signature first, store durably and
 * idempotently by MessageSid, acknowledge with empty TwiML, then process asynchronously. Served on
 * node's http ahead of Express (gateway/app.ts createServer): the busiest route passes no layer it
 * does not need, at about a third of the CPU a request Express's own set-up takes (tests/bench/results.md).
 * Answers false for any other request, which Express then serves.
 */
export function twilioSmsWebhook(runtime: Runtime, intake: Intake): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { config, metrics, logger } = runtime;
  // `receive`: the name tests/bench/profile.ts finds the webhook's handling by.
  const receive = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!config.twilio) throw new HttpError(404, 'CHANNEL_OFF', 'the SMS channel is not configured (TWILIO_ACCOUNT_SID)');
    const form = await readForm(req, formLimitBytes);
    if (!validTwilioSignature(config.twilio.authToken, req.headers['x-twilio-signature'] as string | undefined, config.publicUrl + req.url, form)) {
      metrics.inbound.inc({ channel: 'sms', outcome: 'bad_signature' });
      throw new HttpError(403, 'BAD_SIGNATURE', 'X-Twilio-Signature does not match');
    }
    const field = (name: string) => (Array.isArray(form[name]) ? form[name][0] : form[name]);
    const sid = field('MessageSid');
    const from = field('From') ? toE164(field('From')!, config.defaultCountry) : null;
    if (!sid || !from) throw new HttpError(400, 'MALFORMED_BODY', 'MessageSid and a valid From are required');
    const stored = await intake.accept({ channel: 'sms', transport: 'twilio', externalId: sid, from, to: field('To') ?? null, text: field('Body') ?? '' });
    metrics.inbound.inc({ channel: 'sms', outcome: stored.duplicate ? 'duplicate' : 'stored' });
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': emptyTwiml.length }).end(emptyTwiml);
  };
  return (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?', 1)[0] !== smsWebhookPath) return false;
    receive(req, res).catch((error: unknown) => answerError(res, error, (failure) => logger.error({ err: failure }, 'request failed')));
    return true;
  };
}

/** Twilio's other webhook, the delivery reports (status callbacks), through Express. */
export function twilioRoutes(runtime: Runtime): Router {
  const router = Router();
  const { config, metrics } = runtime;
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use((req, res, next) => {
    if (!config.twilio) return sendError(res, new HttpError(404, 'CHANNEL_OFF', 'the SMS channel is not configured (TWILIO_ACCOUNT_SID)'));
    if (!req.is('application/x-www-form-urlencoded')) return sendError(res, new HttpError(400, 'MALFORMED_BODY', 'expected a form-encoded body'));
    if (!validSignature(req, config.twilio.authToken, config.publicUrl)) {
      metrics.inbound.inc({ channel: 'sms', outcome: 'bad_signature' });
      return sendError(res, new HttpError(403, 'BAD_SIGNATURE', 'X-Twilio-Signature does not match'));
    }
    next();
  });

  router.post(
    '/status',
    route(async (req, res) => {
      const body = req.body as Record<string, string | undefined>;
      const status = body.MessageStatus as DeliveryStatus | undefined;
      if (!body.MessageSid || !status) throw new HttpError(400, 'MALFORMED_BODY', 'MessageSid and MessageStatus are required');
      if (!deliveryStatuses.includes(status)) return void res.status(200).json({ ignored: `status ${status} is not tracked` });
      const outboxId = typeof req.query.outbox === 'string' && /^\d+$/.test(req.query.outbox) ? req.query.outbox : null;
      const errorCode = body.ErrorCode || null;
      const updated = await recordDeliveryStatus(runtime.sql, { outboxId, providerId: body.MessageSid, status, errorCode });
      if (!updated) return void res.status(200).json({ ignored: 'no such outbound message' });
      await runtime.live.publish([{ kind: 'out', id: updated.id }]);
      metrics.outbound.inc({ channel: updated.channel, status });
      if (errorCode === String(unsubscribedRecipient))
        await runtime.store.contacts.setOptedOut(updated.channel, updated.recipient, true, `provider error ${unsubscribedRecipient}`);
      res.status(204).end();
    }),
  );
  return router;
}

/**
 * X-Twilio-Signature over PUBLIC_URL + the path and query Twilio called, with the SDK's own
 * validator (sorted form keys, HMAC-SHA1, with and without the default port).
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
function validSignature(req: Request, authToken: string, publicUrl: string): boolean {
  return validTwilioSignature(authToken, req.get('x-twilio-signature'), publicUrl + req.originalUrl, (req.body ?? {}) as Record<string, unknown>);
}

export function validTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, unknown>): boolean {
  return Boolean(signature) && twilio.validateRequest(authToken, signature!, url, params);
}

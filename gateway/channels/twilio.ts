import express, { Router, type Request } from 'express';
import twilio from 'twilio';
import { recordDeliveryStatus } from '../../adapters/db/messageLog';
import { unsubscribedRecipient } from '../../adapters/sms/twilio';
import { deliveryStatuses, type DeliveryStatus } from '../../domain/messages';
import { toE164 } from '../../domain/phone';
import { HttpError, route, sendError } from '../http';
import type { Intake } from '../intake';
import type { Runtime } from '../runtime';

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's webhooks (courier handlers/twiml): validate the signature first, store durably and
 * idempotently by MessageSid, acknowledge with empty TwiML, then process asynchronously.
 */
export function twilioRoutes(runtime: Runtime, intake: Intake): Router {
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
    '/sms',
    route(async (req, res) => {
      const body = req.body as Record<string, string | undefined>;
      const from = body.From ? toE164(body.From, config.defaultCountry) : null;
      if (!body.MessageSid || !from) throw new HttpError(400, 'MALFORMED_BODY', 'MessageSid and a valid From are required');
      const stored = await intake.accept({
        channel: 'sms',
        transport: 'twilio',
        externalId: body.MessageSid,
        from,
        to: body.To ?? null,
        text: body.Body ?? '',
      });
      metrics.inbound.inc({ channel: 'sms', outcome: stored.duplicate ? 'duplicate' : 'stored' });
      res.type('text/xml').send(emptyTwiml);
    }),
  );

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

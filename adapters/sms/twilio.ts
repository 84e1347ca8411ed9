import twilio from 'twilio';
import { twilioRequestClient } from './twilioHttp';
import { deliveryStatuses, type DeliveryStatus } from '../../domain/messages';
import { notConnected, SendError, type MessageSender, type OutboxMessage, type SendReceipt } from '../../domain/ports';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** https://api.twilio.com, or a Twilio-compatible provider or local test server */
  apiBaseUrl: string;
}

/** Sends SMS through Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource). */
export function twilioSender(config: TwilioConfig): MessageSender {
  const base = new URL(config.apiBaseUrl);
  const client = twilio(config.accountSid, config.authToken, {
    httpClient: twilioRequestClient(base) as unknown as twilio.RequestClient,
    lazyLoading: true,
  });
  const sender = config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : { from: config.from! };
  return {
    async send(message: OutboxMessage, statusCallbackUrl: string | null): Promise<SendReceipt> {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.text,
          ...sender,
          ...(statusCallbackUrl ? { statusCallback: statusCallbackUrl } : {}),
        });
        return { providerId: sent.sid, status: (sent.status as DeliveryStatus) ?? 'queued' };
      } catch (error) {
        throw classify(error);
      }
    },
    // Messages list filtered by To and DateSent (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources),
    // matched on the body; DateSent filters by day at Twilio, so the time is checked here too.
    async lookup(message, since) {
      const listed = await client.messages.list({ to: message.to, dateSentAfter: since, limit: 200 });
      return listed
        .filter((m) => m.body === message.text && m.direction !== 'inbound' && (!m.dateCreated || m.dateCreated.getTime() >= since.getTime() - 1000))
        .map((m) => ({ providerId: m.sid, status: deliveryStatuses.includes(m.status as DeliveryStatus) ? (m.status as DeliveryStatus) : 'queued' }));
    },
  };
}

/** Twilio's error 21610: the recipient replied STOP to this sender (https://www.twilio.com/docs/api/errors/21610). */
export const unsubscribedRecipient = 21610;
/** Failures where the request certainly never reached Twilio: safe to send again. */

function classify(error: unknown): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof twilio.RestException) {
    const code = error.code ? String(error.code) : `HTTP_${error.status}`;
    // 429 and 5xx: Twilio did not take the message (https://www.twilio.com/docs/usage/requests-to-twilio).
    const kind = error.status === 429 || error.status >= 500 ? 'retry' : 'permanent';
    return new SendError(error.message, kind, code, { unreachable: error.code === unsubscribedRecipient ? 'opted-out' : undefined, cause: error });
  }
  const code = (error as { code?: string }).code ?? null;
  if (code && notConnected.has(code)) return new SendError(`Twilio unreachable: ${code}`, 'retry', code, { cause: error });
  // A timeout or reset after the request left: Twilio may have the message. Sending again could send it twice.
  return new SendError(`Twilio send outcome unknown: ${(error as Error).message}`, 'unknown', code ?? 'UNKNOWN_OUTCOME', { cause: error });
}

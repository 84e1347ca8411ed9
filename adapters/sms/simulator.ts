import type { MessageSender } from '../../domain/ports';
import { segmentInfo } from '../../domain/sms';

/** The simulator's channel: replies are recorded, with the segments an SMS would cost, and count as delivered. */
export function simulatorSender(): MessageSender {
  return {
    async send(message) {
      const { encoding, segments } = message.channel === 'sms' ? segmentInfo(message.text) : { encoding: null, segments: 1 };
      return { providerId: null, status: 'delivered', segments, encoding };
    },
  };
}

import type { MessageSender } from '../../domain/ports';

/** The simulator's channel: replies are recorded in the outbox (with the segments an SMS would cost) and count as delivered. */
export function simulatorSender(): MessageSender {
  return {
    async send() {
      return { providerId: null, status: 'delivered' };
    },
  };
}

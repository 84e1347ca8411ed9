import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queues } from '../adapters/queue/queues';

/** Prometheus metrics, one registry per runtime (tests run several runtimes in one process). */
export function createMetrics(queues: Queues) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fieldline_' });
  const inbound = new Counter({
    name: 'fieldline_inbound_messages_total',
    help: 'Messages received, by channel and outcome of intake',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const outbound = new Counter({
    name: 'fieldline_outbound_messages_total',
    help: 'Outbound messages by channel and the status a send or report left them in',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
  });
  const contactPolicy = new Counter({
    name: 'fieldline_contact_policy_total',
    help: 'Proactive messages the contact policy let go, deferred (quiet hours, the daily cap) or cancelled (OPTED_OUT, REASON_GONE, EXPIRED, CAPPED), by kind',
    labelNames: ['kind', 'decision'] as const,
    registers: [registry],
  });
  const processing = new Histogram({
    name: 'fieldline_processing_seconds',
    help: 'From a message stored in the inbox to its replies committed to the outbox',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const understood = new Counter({
    name: 'fieldline_understood_total',
    help: 'Free texts (no command keyword) by what they were taken to mean: answered (command), proposed, incomplete, social or unsure (HELP), and the intent guessed',
    labelNames: ['outcome', 'intent'] as const,
    registers: [registry],
  });
  const slowedDown = new Counter({
    name: 'fieldline_sender_slowed_total',
    help: 'Inbound messages held back because their sender went over SENDER_MESSAGES_PER_MINUTE (each is answered later)',
    registers: [registry],
  });
  new Gauge({
    name: 'fieldline_queue_depth',
    help: 'Jobs waiting, delayed or active per queue',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of [queues.inbound, queues.outbound, queues.scheduled]) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  return { registry, inbound, outbound, contactPolicy, processing, understood, slowedDown };
}
export type Metrics = ReturnType<typeof createMetrics>;

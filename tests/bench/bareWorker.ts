import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

/**
 * The dispatch baseline: a bare BullMQ worker doing no-op jobs, with the dispatcher's concurrency,
 * draining as many jobs as the dispatcher will send. Prints its rate as JSON on stdout.
 */
const redisUrl = process.env.REDIS_URL!;
const jobs = Number(process.env.JOBS);
const concurrency = Number(process.env.CONCURRENCY);
const prefix = process.env.PREFIX!;

async function main(): Promise<void> {
  const producer = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection: producer, prefix });
  for (let i = 0; i < jobs; i += 5000) {
    await queue.addBulk(
      Array.from({ length: Math.min(5000, jobs - i) }, (_, j) => ({
        name: 'noop',
        data: { outboxId: String(i + j) },
        opts: { removeOnComplete: { count: 1000 } }, // as the gateway's jobs
      })),
    );
  }
  let done = 0;
  let first = 0;
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const finished = new Promise<number>((resolve) => {
    const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (done === 0) first = Date.now();
      if (++done === jobs) resolve(Date.now());
    });
  });
  const last = await finished;
  await queue.obliterate({ force: true });
  console.log(JSON.stringify({ jobs, seconds: (last - first) / 1000, jobsPerSecond: jobs / ((last - first) / 1000) }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

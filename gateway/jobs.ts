import { Worker } from 'bullmq';
import { redisConnection, queueNames, type ScheduledJob } from '../adapters/queue/queues';
import { jobs, type JobName } from '../commands/jobs';
import type { JobReport } from '../commands/jobs/job';
import { reachableChannels } from './config';
import { releaseDue } from './pipeline';
import type { Runtime } from './runtime';

export const isJobName = (name: string): name is JobName => Object.hasOwn(jobs, name);

/**
 * Runs a proactive job as of an instant (now, or an operator's `at`), then enqueues whatever it
 * planned that is due already. Safe to run twice or in two processes at once.
 */
export async function runJob(runtime: Runtime, name: JobName, at: Date): Promise<JobReport & { released: number }> {
  const { config, store } = runtime;
  const started = Date.now();
  const report = await jobs[name].run({
    store,
    at,
    policy: config.contactPolicy,
    reachable: reachableChannels(config),
    ladder: config.dunningLadder,
    escalateAfterMs: config.alertEscalateAfterMs,
    stockAlertOwner: config.stockAlertOwner,
    promoterDay: config.promoterDay,
    vehicles: config.vehicles,
    ticketTargetsHours: config.ticketTargetsHours,
    competitorAlertShare: config.competitorAlertShare,
  });
  const released = await releaseDue(runtime);
  runtime.logger.info({ job: name, at, ...report, released, ms: Date.now() - started }, 'job ran');
  return { ...report, released };
}

/**
 * The recurring runs: one BullMQ job scheduler per configured job, in its own time zone (a
 * scheduler upserted again by another process or a restart stays one), and a worker that runs them.
 */
export async function startScheduler(runtime: Runtime): Promise<{ close(): Promise<void>; reschedule(): Promise<void> }> {
  const { config, queues, logger } = runtime;
  await upsertSchedulers(runtime);
  const connection = redisConnection(config.redisUrl);
  const worker = new Worker<ScheduledJob>(
    queueNames.scheduled,
    async (job) => {
      if (!isJobName(job.data.name)) throw new Error(`unknown job ${job.data.name}`);
      return runJob(runtime, job.data.name, runtime.clock.now());
    },
    { connection, prefix: queues.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.error({ err: error, job: job?.data.name }, 'scheduled job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'scheduler worker error'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
    reschedule: () => upsertSchedulers(runtime),
  };
}

/** One BullMQ job scheduler per configured job; a job turned off loses its scheduler. */
async function upsertSchedulers({ config, queues }: Runtime): Promise<void> {
  for (const [name, schedule] of Object.entries(config.schedules)) {
    if (schedule)
      await queues.scheduled.upsertJobScheduler(
        name,
        { pattern: schedule.pattern, tz: schedule.tz },
        { name, data: { name }, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      );
    else await queues.scheduled.removeJobScheduler(name);
  }
}

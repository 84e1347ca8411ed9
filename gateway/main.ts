import type { Server } from 'node:http';
import IORedis from 'ioredis';
import { createServer } from './app';
import { startTelegramPolling } from './channels/telegram';
import { createIntake } from './intake';
import { ConfigError, loadConfig, type Config } from './config';
import { createDemoAdmin, loadDemoData } from './demo/load';
import { playDemoStory } from './demo/story';
import { recoverUnfinished, releaseDue, startWorkers, type Workers } from './pipeline';
import { createRuntime } from './runtime';
import { startScheduler } from './jobs';

/** `npm start`: the gateway (HTTP and workers, or one of them per PROCESS_ROLE). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await requireRedis(config.redisUrl);
  const runtime = await createRuntime(config);
  const { logger } = runtime;
  let demoAdmin: { email: string; password: string } | null = null;
  if (!config.databaseUrl && runtime.migrated.length > 0) {
    const report = await loadDemoData(runtime);
    logger.info({ counts: report.counts, errors: report.errors.length }, 'first start of the embedded database: demo data loaded');
    demoAdmin = await createDemoAdmin(runtime);
  }

  let server: Server | null = null;
  let workers: Workers | null = null;
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | null = null;
  let polling: { stop(): Promise<void> } | null = null;
  let stopping = false;

  // Signals are handled from here on, also while the rest starts (a slow NLU load): a stop waits for
  // the step in progress, starts nothing more, and closes what started.
  let started: Promise<void> = Promise.resolve();
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing jobs in progress');
    await started.catch(() => undefined);
    await polling?.stop();
    // No new requests; those in progress finish. The console's event streams never end by themselves:
    // after a moment they are cut (the browser reconnects to another process and catches up).
    const closed = new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
    server?.closeIdleConnections();
    const cut = setTimeout(() => server?.closeAllConnections(), 2000);
    // Workers take no new job and finish the ones running: a send in flight completes and its outcome is recorded.
    await Promise.all([closed, scheduler?.close(), workers?.close()]);
    clearTimeout(cut);
    await runtime.close();
    logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  started = (async () => {
    if (config.processRole !== 'worker') {
      server = createServer(runtime).listen(config.port);
      await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
    }
    if (config.processRole !== 'web') {
      await runtime.understanding(); // load (or train) the NLU model before the first message needs it
      if (stopping) return;
      workers = startWorkers(runtime, { onRedisReset: async () => scheduler?.reschedule() });
      scheduler = await startScheduler(runtime);
      await recoverUnfinished(runtime);
      await releaseDue(runtime);
      if (demoAdmin) logger.info({ messages: await playDemoStory(runtime) }, 'first start: the demo story played through the simulator');
    }
    if (stopping) return;
    polling = config.telegram?.mode === 'polling' && config.processRole !== 'worker' ? await startTelegramPolling(runtime, createIntake(runtime)) : null;
  })();
  await started;
  if (stopping) return;
  logger.info(
    {
      url: config.publicUrl,
      role: config.processRole,
      database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})`,
      sms: config.twilio ? 'twilio' : 'off (simulator only)',
      telegram: config.telegram ? config.telegram.mode : 'off',
      wechat: config.wechat ? (config.wechat.encodingAesKey ? 'on (encrypted)' : 'on') : 'off',
      code: __filename.endsWith('.js') ? 'compiled (dist/)' : 'TypeScript through tsx (`npm run build` compiles it)',
      adminApi: config.adminApiKey ? 'on' : 'off (set ADMIN_API_KEY)',
    },
    'fieldline is running',
  );
  // Shown once, on the first start: the demo's admin operator for the console.
  if (demoAdmin && server)
    console.log(`\nconsole: ${config.publicUrl}/console  sign in as ${demoAdmin.email} with password ${demoAdmin.password} (shown once)\n`);
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`fieldline: ${error.message}`);
    process.exit(1);
  }
}

/** On a fresh machine Redis may be missing: say so in one line, with the fix. */
async function requireRedis(url: string): Promise<void> {
  const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    console.error(
      `fieldline: Redis is not reachable at ${url} (${reason}); start it with \`redis-server --daemonize yes\` (install: \`apt-get install redis-server\` or \`brew install redis\`) or set REDIS_URL.`,
    );
    process.exit(1);
  } finally {
    probe.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`fieldline: failed to start: ${(error as Error).message}${(error as Error).cause ? ` (${((error as Error).cause as Error).message})` : ''}`);
  process.exit(1);
});

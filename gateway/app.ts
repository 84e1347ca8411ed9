import http from 'node:http';
import express from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { dirname } from 'node:path';
import { databaseAnswers } from '../adapters/db/migrate';
import { adminRoutes } from './api';
import { consoleRoutes } from './console/routes';
import { telegramRoutes } from './channels/telegram';
import { wechatRoutes } from './channels/wechat';
import { twilioRoutes, twilioSmsWebhook } from './channels/twilio';
import { errorHandler } from './http';
import { createIntake, type Intake } from './intake';
import type { Runtime } from './runtime';

/** swagger-ui-dist's files, found without requiring its index (which loads its 1.5 MB bundle into the process). */
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The gateway's HTTP server: incoming SMS, the busiest route, on node's http (twilioSmsWebhook),
 * everything else through Express. One intake for both, so webhooks of every channel arriving
 * together are stored together.
 */
export function createServer(runtime: Runtime): http.Server {
  const intake = createIntake(runtime);
  const app = createApp(runtime, intake);
  const sms = twilioSmsWebhook(runtime, intake);
  return http.createServer((req, res) => {
    if (!sms(req, res)) app(req, res);
  });
}

/** The HTTP surface of interfaces.md, but for incoming SMS (createServer). */
export function createApp(runtime: Runtime, intake: Intake): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Webhook acknowledgements and API answers are never revalidated: no ETag hashing per response.
  app.set('etag', false);
  // Behind a proxy, the signature is checked against PUBLIC_URL; this only affects req.ip in logs.
  app.set('trust proxy', true);
  // Webhooks first: the providers' calls, the hot path, pass no layer they do not need (no browser reads their answers).
  app.use('/webhooks/twilio', twilioRoutes(runtime));
  app.use('/webhooks/telegram', telegramRoutes(runtime, intake));
  app.use('/webhooks/wechat', wechatRoutes(runtime, intake));
  // Security headers on every other response (helmet's defaults: CSP, HSTS behind HTTPS, nosniff, frame and referrer policies).
  // Behind plain HTTP (the demo on localhost), upgrade-insecure-requests would send the console's own requests to https.
  const https = runtime.config.publicUrl.startsWith('https:');
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } } }));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([
      databaseAnswers(runtime.sql).then(
        () => 'ok',
        (error: Error) => error.message,
      ),
      runtime.queues.connection.ping().then(
        () => 'ok',
        (error: Error) => error.message,
      ),
    ]);
    res.status(database === 'ok' && redis === 'ok' ? 200 : 503).json({ database, redis });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
  });

  app.use('/api/v1', adminRoutes(runtime));
  // Pages and their assets are compressed (htmx: 52 KB → 17 KB); webhooks and the API answer small bodies and are not.
  // The live views' event stream is not: a compressed stream holds events back until a buffer fills.
  app.use(['/console', '/api/docs'], compression({ filter: (req, res) => req.path !== '/events' && compression.filter(req, res) }));
  app.use('/console', consoleRoutes(runtime));
  // The API reference, from the swagger-ui-dist package (no CDN), reading /api/v1/openapi.json.
  app.get('/api/docs/swagger-initializer.js', (_req, res) => void res.type('text/javascript').send(swaggerInitializer));
  app.use('/api/docs', express.static(swaggerUiDir, { index: 'index.html', maxAge: '1h' }));
  app.use((_req, res) => void res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
  app.use(errorHandler((error) => runtime.logger.error({ err: error }, 'request failed')));
  return app;
}

const swaggerInitializer = `window.onload = () => {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};
`;

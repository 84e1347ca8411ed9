import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminRoutes } from '../../gateway/api';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** GET /api/v1/openapi.json: made from the routes' own zod schemas, valid OpenAPI 3.1, listing every route. */
describe('the OpenAPI document', () => {
  let gateway: TestGateway;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string; in: string; required: boolean }[]; 'x-permission'?: string }>>;
  };
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    document = (await (await fetch(`${gateway.url}/api/v1/openapi.json`)).json()) as typeof document;
  });
  afterAll(() => gateway.stop());

  test('validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator, its own CLI: the package is ESM-only)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const run = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: expect.stringContaining('"valid": true') });
    expect(document.openapi).toBe('3.1.0');
  });

  test('lists every route the API mounts, with its method', () => {
    // Every route on the /api/v1 router, as Express holds it: a route mounted without ApiRoutes is missing here.
    const mounted = (adminRoutes(gateway.runtime).stack as { route?: { path: string; methods: Record<string, boolean> } }[])
      .filter((layer) => layer.route && layer.route.path !== '/openapi.json')
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method} /api/v1${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    const described = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(mounted.length).toBeGreaterThan(25);
    expect(described.sort()).toEqual([...new Set(mounted)].sort());
  });

  test('describes what the routes validate: bodies, query parameters, path parameters and the permission', () => {
    const status = document.paths['/api/v1/orders/{number}/status']!.post!;
    expect(status['x-permission']).toBe('act');
    expect(status.parameters).toEqual([{ name: 'number', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(JSON.stringify(status.requestBody)).toContain('"enum":["approved","shipped","delivered","cancelled"]');
    const messages = document.paths['/api/v1/messages']!.get!;
    expect(messages.parameters!.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['query:peer:false', 'query:status:false', 'query:limit:false']);
    expect(document.paths['/api/v1/import']!.post!['x-permission']).toBe('admin');
  });

  test('the reference page is served by the gateway itself and reads the document', async () => {
    const page = await fetch(`${gateway.url}/api/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect(await (await fetch(`${gateway.url}/api/docs/swagger-initializer.js`)).text()).toContain("url: '/api/v1/openapi.json'");
    expect((await fetch(`${gateway.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  test('pages and their assets are compressed; the webhooks and the API are not', async () => {
    for (const path of ['/console/assets/htmx.min.js', '/api/docs/swagger-ui-bundle.js']) {
      const response = await fetch(gateway.url + path, { headers: { 'accept-encoding': 'gzip' } });
      expect({ path, encoding: response.headers.get('content-encoding') }).toEqual({ path, encoding: 'gzip' });
    }
    const api = await fetch(`${gateway.url}/api/v1/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBeNull();
  });
});

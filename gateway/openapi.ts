import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Permission } from '../domain/operators';
import { requires } from './auth';
import { parse, route } from './http';

/**
 * The REST API's routes, each declared once with the zod schemas that validate it: the same
 * declaration mounts the route, validates its body and query (400 naming the field), checks the
 * permission, and describes it in `GET /api/v1/openapi.json`. The document cannot drift from
 * what the routes accept; a route mounted without it fails tests/gateway/openapi.test.ts.
 */
export type Access = Permission | 'public' | 'signed-in';

interface Meta<B, Q> {
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** a body the handler validates itself (row by row, the import): described, not checked here */
  bodyDoc?: z.ZodType;
  /** what a success answers, when it is not 200 */
  status?: number;
}
type Handler<B, Q> = (req: Request, res: Response, input: { body: B; query: Q }) => Promise<unknown>;

export interface Documented {
  method: 'get' | 'post' | 'delete';
  path: string;
  meta: Meta<unknown, unknown>;
}

export class ApiRoutes {
  readonly documented: Documented[] = [];
  constructor(readonly router: Router) {}

  get<B = undefined, Q = undefined>(path: string, meta: Meta<B, Q>, handler: Handler<B, Q>): void {
    this.add('get', path, meta, handler);
  }
  post<B = undefined, Q = undefined>(path: string, meta: Meta<B, Q>, handler: Handler<B, Q>): void {
    this.add('post', path, meta, handler);
  }
  delete<B = undefined, Q = undefined>(path: string, meta: Meta<B, Q>, handler: Handler<B, Q>): void {
    this.add('delete', path, meta, handler);
  }

  private add<B, Q>(method: Documented['method'], path: string, meta: Meta<B, Q>, handler: Handler<B, Q>): void {
    this.documented.push({ method, path, meta: meta as Meta<unknown, unknown> });
    const checks = meta.access === 'public' || meta.access === 'signed-in' ? [] : [requires(meta.access)];
    this.router[method](
      path,
      ...checks,
      route(async (req, res) => {
        const body = (meta.body ? parse(meta.body, req.body ?? {}) : undefined) as B;
        const query = (meta.query ? parse(meta.query, req.query) : undefined) as Q;
        await handler(req, res, { body, query });
      }),
    );
  }
}

/** The OpenAPI 3.1 document of the routes (JSON Schema from zod's own converter). */
export function openApiDocument(routes: readonly Documented[], base: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, meta } of routes) {
    const openPath = base + path.replace(/:(\w+)/g, '{$1}');
    const pathParameters = [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const queryParameters = meta.query ? queryParametersOf(meta.query) : [];
    paths[openPath] = {
      ...paths[openPath],
      [method]: {
        summary: meta.summary,
        tags: [meta.tag],
        operationId: `${method}${openPath.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        ...(meta.access === 'public' ? { security: [] } : {}),
        ...(meta.access !== 'public' && meta.access !== 'signed-in' ? { 'x-permission': meta.access } : {}),
        ...(pathParameters.length + queryParameters.length > 0 ? { parameters: [...pathParameters, ...queryParameters] } : {}),
        ...((meta.body ?? meta.bodyDoc)
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema((meta.body ?? meta.bodyDoc)!) } } } }
          : {}),
        responses: {
          [String(meta.status ?? 200)]: { description: 'done' },
          default: {
            description: 'an error: { error: { code, message, details? } }',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'fieldline',
      version: '1',
      description: 'The admin and operators API. Errors are { error: { code, message, details? } }; a business refusal carries its DomainError code.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY (the bootstrap admin) or a personal token fl_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'fieldline_session', description: 'after POST /api/v1/session; a change also needs X-CSRF-Token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } },
          },
        },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParametersOf(schema: z.ZodType): Record<string, unknown>[] {
  const object = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
import { z } from 'zod';
import { ErrorBodySchema } from '../../common/errors';
import { PERMISSIONS } from '../auth/permissions';
import type { RouteDoc } from './route';

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s }));
}

export function openApiDocument(routes: readonly RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { description: 'Error', content: { 'application/json': { schema: schemaOf(ErrorBodySchema, 'output') } } };
  for (const r of routes) {
    const operation: Record<string, unknown> = {
      summary: r.summary,
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      responses: {
        [String(r.status)]: r.response ? { description: 'Success', content: { 'application/json': { schema: schemaOf(r.response, 'output') } } } : { description: 'Success' },
        '400': errorResponse,
        ...(r.scope ? { '401': errorResponse, '403': errorResponse } : { '401': errorResponse, '429': errorResponse }),
        ...(r.url.includes('{id}') ? { '404': errorResponse, '409': errorResponse } : {}),
      },
    };
    if (r.scope) {
      operation.security = [{ bearer: [] }];
      operation['x-scope'] = r.scope;
    }
    if (r.permission) {
      operation['x-permission'] = r.permission;
      operation['x-roles'] = PERMISSIONS[r.permission].roles;
    }
    if (r.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    if (r.method === 'POST') {
      (operation.parameters as unknown[]).push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'A repeat within 24 h returns the first response with no second effect' });
    }
    paths[r.url] ??= {};
    paths[r.url][r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard platform API', version, description: 'docs/api.md; errors are {"error": {"code", "message", "fields"?}}' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

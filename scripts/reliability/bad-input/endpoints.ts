/**
 * The endpoints the server exposes, discovered from its OpenAPI document (GET /docs-json), and the
 * roles each one admits, discovered by probing with requests that cannot change anything.
 */
import { call, ROLES, send, type LedgerTarget, type Role } from '../lib/http';
import { kindOf, type FieldKind, type Schema } from './values';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  schema: Schema;
  enumValues: unknown[];
  /** For object and object-array fields: the nested fields. */
  nested?: FieldSpec[];
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path template, e.g. /enrolments/{enrolmentId}/cancellations. */
  template: string;
  pathParams: string[];
  query: FieldSpec[];
  /** Request body fields, when the endpoint takes a JSON body. */
  body?: FieldSpec[];
  /** Public endpoints (no key needed): auth defects do not apply. */
  public: boolean;
  /** Non-admin roles the endpoint admits (admin is always admitted). */
  roles: Role[];
  /** A command: appends on success (POST with a commandId in its body). */
  command: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(schema: Schema | undefined, document: OpenApiDocument): Schema {
  if (!schema) return {};
  if (schema.$ref) return document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] ?? {};
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0], document);
  return schema;
}

function fieldsOf(schema: Schema, document: OpenApiDocument, depth = 0): FieldSpec[] {
  const resolved = resolve(schema, document);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).map(([name, property]) => {
    const kind = kindOf(name, property);
    const spec: FieldSpec = {
      name,
      kind,
      required: required.has(name),
      schema: property,
      enumValues: property.enum ?? property.items?.enum ?? [],
    };
    if (depth < 3 && kind === 'object') spec.nested = fieldsOf(property, document, depth + 1);
    if (depth < 3 && kind === 'object-array' && property.items)
      spec.nested = fieldsOf(property.items, document, depth + 1);
    return spec;
  });
}

/** Endpoints of the OpenAPI document, except the documentation itself. */
export async function discoverEndpoints(target: LedgerTarget): Promise<Endpoint[]> {
  const response = await send(target.baseUrl, { method: 'GET', path: '/docs-json' });
  if (response.status !== 200 || typeof response.json !== 'object')
    throw new Error(`GET /docs-json: ${response.status}`);
  const document = response.json as OpenApiDocument;
  const endpoints: Endpoint[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase() as Endpoint['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const body = bodySchema ? fieldsOf(bodySchema, document) : undefined;
      endpoints.push({
        method: upper,
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            kind: kindOf(p.name, p.schema ?? {}),
            required: p.required === true,
            schema: p.schema ?? {},
            enumValues: p.schema?.enum ?? [],
          })),
        ...(body ? { body } : {}),
        public: false,
        roles: [],
        command: upper === 'POST' && (body?.some((f) => f.name === 'commandId') ?? false),
      });
    }
  }
  return endpoints;
}

/**
 * Which roles each endpoint admits. The probe can never change anything: a body endpoint gets `{}`
 * (the guard answers 403 before the body is validated, an admitted role gets 400), other
 * endpoints get a GET, or ids that cannot exist. POST endpoints without body or path ids are
 * probed only when listed as safe to run (they are idempotent operations).
 */
export async function probeRoles(
  target: LedgerTarget,
  endpoints: Endpoint[],
  pathFor: (endpoint: Endpoint, mode: 'real' | 'unknown') => string,
  safeToRun: (endpoint: Endpoint) => boolean,
): Promise<void> {
  for (const endpoint of endpoints) {
    const path = pathFor(endpoint, 'unknown');
    const probe =
      endpoint.body !== undefined || endpoint.method === 'GET' || endpoint.pathParams.length > 0 || safeToRun(endpoint);
    if (!probe) {
      endpoint.roles = [];
      continue;
    }
    const body = endpoint.body !== undefined ? {} : undefined;
    const anonymous = await call(target, endpoint.method, path, { role: null, ...(body ? { body } : {}) });
    endpoint.public = anonymous.status !== 401;
    if (endpoint.public) {
      endpoint.roles = [...ROLES];
      continue;
    }
    endpoint.roles = [];
    for (const role of ROLES) {
      if (role === 'admin') continue;
      const response = await call(target, endpoint.method, path, { role, ...(body ? { body } : {}) });
      if (response.status !== 403) endpoint.roles.push(role);
    }
  }
}

export const endpointName = (endpoint: Endpoint): string => `${endpoint.method} ${endpoint.template}`;

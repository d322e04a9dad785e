/**
 * The served OpenAPI document (GET /docs-json) describes every operation completely, and the roles
 * it states are the roles the guard applies (docs/operations.md "OpenAPI"). `npm run lint:openapi`
 * lints the same document with Spectral; this test checks it against the running server.
 */
import { startHarness, TEST_KEYS, type Harness, type TestRole } from '../support/http-harness';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

interface Operation {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  roles?: string[];
  public?: boolean;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  hasBody: boolean;
}

function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        description: operation.description,
        security: operation.security,
        roles: operation['x-roles'],
        public: operation['x-public'],
        responses: operation.responses,
        hasBody: operation.requestBody !== undefined,
      });
    }
  return operations;
}

const name = (operation: Operation): string => `${operation.method} ${operation.path}`;

/** Path ids that are UUIDs (decision ids are event ids): an unknown one must still be a UUID to reach a 404. */
const UUID_PATH_PARAMS = new Set(['decisionId']);
const UNKNOWN_UUID = '00000000-0000-7000-8000-000000000000';

describe('OpenAPI document (GET /docs-json)', () => {
  let api: Harness;
  let document: any;
  let operations: Operation[];

  beforeAll(async () => {
    api = await startHarness({ env: { LEDGER_RATE_LIMIT_MAX: '0' } });
    const response = await api.request('GET', '/docs-json', { role: null });
    expect(response.status).toBe(200);
    document = response.body;
    operations = operationsOf(document);
  });
  afterAll(() => api?.close());

  it('documents every operation with a summary and a description', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((operation) => !operation.summary?.trim()).map(name)).toEqual([]);
    expect(operations.filter((operation) => !operation.description?.trim()).map(name)).toEqual([]);
  });

  it('names the roles of every operation (x-roles with the bearer requirement), or marks it public', () => {
    const undeclared = operations.filter((operation) =>
      operation.public === true
        ? operation.roles !== undefined || operation.security !== undefined
        : !(operation.roles?.includes('admin') && operation.security?.some((requirement) => 'bearer' in requirement)),
    );
    expect(undeclared.map(name)).toEqual([]);
    expect(operations.filter((operation) => operation.public).map(name)).toEqual([
      'GET /health',
      'GET /sign-in-options',
    ]);
    for (const operation of operations.filter((o) => o.roles))
      expect(operation.description).toContain(
        `**Roles:** ${operation.roles!.map((role) => `\`${role}\``).join(', ')}.`,
      );
  });

  it('gives every operation a 4xx answer, and every error answer the ErrorBody schema', () => {
    expect(
      operations
        .filter((operation) => !Object.keys(operation.responses).some((status) => /^4\d\d$/.test(status)))
        .map(name),
    ).toEqual([]);
    const notErrorBody = operations.flatMap((operation) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(
          ([, response]) =>
            !response.content || Object.values(response.content).some((media) => media.schema?.$ref !== ERROR_BODY_REF),
        )
        .map(([status]) => `${name(operation)} ${status}`),
    );
    expect(notErrorBody).toEqual([]);
    expect(document.components.schemas.ErrorBody).toMatchObject({
      required: expect.arrayContaining(['error', 'message']),
      properties: {
        error: { type: 'string' },
        message: { type: 'string' },
        ruleId: { type: 'string' },
        fields: { type: 'array' },
      },
    });
  });

  it('documents a success answer for every operation, and request examples for the main commands', () => {
    expect(
      operations
        .filter((operation) => !Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)))
        .map(name),
    ).toEqual([]);
    const examples = (path: string) => document.paths[path].post.requestBody.content['application/json'].examples;
    for (const path of [
      '/enrolments',
      '/enrolments/{enrolmentId}/cancellations',
      '/enrolments/{enrolmentId}/reschedules',
      '/payments',
      '/refunds/{refundId}/payments',
      '/participants/{participantId}/licences',
    ])
      expect(Object.keys(examples(path) ?? {}).length).toBeGreaterThan(0);
  });

  it('gives request examples that the route accepts as valid input (no 400; unknown ids are 404)', async () => {
    const answers: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
      const examples = item['post']?.requestBody?.content?.['application/json']?.examples ?? {};
      for (const [exampleName, example] of Object.entries<{ value: unknown }>(examples)) {
        const route = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          UUID_PATH_PARAMS.has(name) ? UNKNOWN_UUID : 'openapi-example-unknown',
        );
        const response = await api.request('POST', route, { role: 'admin', body: example.value });
        if (response.status === 400 || response.status >= 500)
          answers.push(`POST ${path} (${exampleName}): ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('declares the security scheme as HTTP bearer (an API key or an OIDC access token)', () => {
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'API key or OIDC access token' }),
    });
  });

  it('states the roles the guard applies: a role outside x-roles gets 403, a role in it gets past the guard', async () => {
    const staff = Object.keys(TEST_KEYS) as TestRole[];
    const mismatches: string[] = [];
    for (const operation of operations.filter((o) => o.roles)) {
      const route = operation.path.replace(/\{[^}]+\}/g, 'openapi-probe-unknown');
      for (const role of staff) {
        // Bodies stay empty: the guard answers before validation, and an admitted role gets a 4xx
        // for the empty body, so nothing is appended. Admin is admitted everywhere (x-roles says so).
        if (role === 'admin') continue;
        if (operation.method === 'POST' && !operation.hasBody && operation.roles!.includes(role)) continue;
        const response = await api.request(operation.method, route, {
          role,
          ...(operation.hasBody ? { body: {} } : {}),
        });
        const admitted = operation.roles!.includes(role);
        if (admitted ? response.status === 401 || response.status === 403 : response.status !== 403)
          mismatches.push(`${name(operation)} as ${role}: ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

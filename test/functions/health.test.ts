import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { health } from '../../functions/health';
import { developmentStorageConnectionString } from '../../runtime/tables';
import { freePort } from '../support/ports';
import packageJson from '../../package.json';

function call(): Promise<HttpResponseInit> {
  const request = new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/health' });
  const context = new InvocationContext({ functionName: 'health', logHandler: () => {} });
  return health(request, context);
}

describe('health', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('answers 200 with the package version when storage answers', async () => {
    vi.stubEnv('TABLES_CONNECTION_STRING', inject('tablesConnectionString'));
    const response = await call();
    expect(response.status).toBe(200);
    expect(response.jsonBody).toEqual({
      status: 'ok',
      version: packageJson.version,
      storage: { reachable: true, latencyMs: expect.any(Number) as number },
    });
  });

  it('answers 503 "degraded" quickly when storage does not answer', async () => {
    vi.stubEnv('TABLES_CONNECTION_STRING', developmentStorageConnectionString('127.0.0.1', await freePort()));
    const started = performance.now();
    const response = await call();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(response.status).toBe(503);
    expect(response.jsonBody).toMatchObject({
      status: 'degraded',
      version: packageJson.version,
      reason: 'storage unreachable (ECONNREFUSED)',
      storage: { reachable: false },
    });
  });

  it('answers 503 without details when the settings are invalid', async () => {
    vi.stubEnv('TABLES_CONNECTION_STRING', 'not a connection string');
    const response = await call();
    expect(response.status).toBe(503);
    expect(response.jsonBody).toEqual({
      status: 'degraded',
      version: packageJson.version,
      reason: 'invalid configuration',
    });
  });
});

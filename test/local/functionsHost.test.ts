import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFunctionsHost, type RunningFunctionsHost } from '../../local/functionsHost';
import { sampleState } from './fixtures/sampleState';

const logs: { level: string; message: string }[] = [];
let host: RunningFunctionsHost;

beforeAll(async () => {
  host = await startFunctionsHost({
    port: 0,
    loadFunctions: async () => {
      await import('./fixtures/sampleFunctions');
    },
    log: (level, message) => logs.push({ level, message }),
  });
});
afterAll(() => host.close());

const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/api${path}`, init);

describe('local Functions host', () => {
  it('lists the registered functions with their routes and schedules', () => {
    expect(host.functions).toEqual(
      expect.arrayContaining([
        {
          name: 'getCaseEvents',
          trigger: 'http',
          methods: ['GET'],
          path: '/api/cases/{caseId}/events/{seq:int?}',
        },
        { name: 'everySecond', trigger: 'timer', schedule: '* * * * * *' },
      ]),
    );
    expect(sampleState.hooks).toContain('appStart');
  });

  it('passes route parameters (decoded, optional ones omitted), repeated query keys and headers', async () => {
    const response = await api('/cases/a%20b/events?q=1&q=2', { headers: { 'x-test': 'yes' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ params: { caseId: 'a b' }, q: ['1', '2'], header: 'yes' });

    const withSeq = await api('/CASES/c1/events/42');
    expect(await withSeq.json()).toMatchObject({ params: { caseId: 'c1', seq: '42' } });
    expect(sampleState.hooks).toContain('pre:getCaseEvents');
  });

  it('answers 404 when a route constraint does not hold or no route matches', async () => {
    expect((await api('/cases/c1/events/abc')).status).toBe(404);
    expect((await api('/nowhere')).status).toBe(404);
    expect((await fetch(`${host.url}/cases/c1/events`)).status).toBe(404); // no route prefix
  });

  it('answers 405 with Allow when the route exists for other methods', async () => {
    const response = await api('/cases/c1/events', { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET');
    expect((await api('/cases/c1/events', { method: 'DELETE' })).status).toBe(204);
  });

  it('passes a JSON body and maps an HttpResponse with headers and cookies back', async () => {
    const response = await api('/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bench by the lake' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/cases/1');
    expect(response.headers.getSetCookie()).toEqual(['session=abc; HttpOnly; SameSite=Lax']);
    expect(await response.json()).toEqual({ received: { title: 'Bench by the lake' } });
  });

  it('answers 500 with a generic body when the handler throws, and logs the error', async () => {
    const response = await api('/boom');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; invocationId: string };
    expect(body.error).toBe('Internal server error');
    expect(JSON.stringify(body)).not.toContain('kaboom');
    const logged = logs.find((entry) => entry.level === 'error' && entry.message.includes('kaboom'));
    expect(logged?.message).toContain(body.invocationId);
  });

  it('streams a body: the first piece arrives before the handler has produced the second', async () => {
    const response = await api('/cases/export/events');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    if (response.body === null) throw new Error('no body');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    // If the host buffered the body, this read would never finish: the second piece waits for us.
    expect(decoder.decode((await reader.read()).value)).toBe('{"n":1}\n');
    sampleState.releaseSecondChunk();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += decoder.decode(chunk.value);
    expect(rest).toBe('{"n":2}\n');
  });

  it('runs timers with a Timer like the worker passes, honours runOnStartup; close() drains requests and stops timers', async () => {
    expect(sampleState.startupRuns).toHaveLength(1);
    await expect
      .poll(() => sampleState.timerRuns.length, { timeout: 3500, interval: 50 })
      .toBeGreaterThanOrEqual(2);
    const timer = sampleState.timerRuns[0];
    expect(timer).toEqual({
      isPastDue: false,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: expect.any(String) as string,
        next: expect.any(String) as string,
        lastUpdated: expect.any(String) as string,
      },
    });
    expect(Date.parse(timer?.scheduleStatus.next ?? '')).toBeGreaterThan(
      Date.parse(timer?.scheduleStatus.lastUpdated ?? ''),
    );

    // close() waits for a request already running, then stops the timers and the listener.
    const slow = api('/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.close();
    const slowResponse = await slow;
    expect(slowResponse.status).toBe(200);
    expect(await slowResponse.text()).toBe('done');
    const runsAtClose = sampleState.timerRuns.length;
    expect(sampleState.hooks).toContain('appTerminate');
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(sampleState.timerRuns.length).toBe(runsAtClose);
    await expect(api('/boom')).rejects.toThrow(); // no longer listening
  });
});

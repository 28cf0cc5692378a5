/**
 * GET /api/health — a liveness and readiness probe for Azure, load balancers and `npm start` users.
 * Answers 200 when the table storage answers, 503 otherwise, and always says which version runs.
 * Anonymous on purpose: probes carry no function key. It reveals no configuration, only whether
 * storage answered. Kept cheap to load (no bot framework) so a cold start answers quickly.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { loadSettings, type Settings } from '../config/settings';
import { appVersion } from '../config/version';
import { checkStorage } from '../runtime/tables';

/** Below typical probe timeouts (Azure's health check waits about a minute, load balancers ~5 s). */
const STORAGE_TIMEOUT_MS = 2000;

export async function health(_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const version = appVersion();
  let settings: Settings;
  try {
    // Read per call, not at load: settings are plain environment variables in Azure and cost microseconds.
    settings = loadSettings();
  } catch (error) {
    context.error('health: settings are invalid', error);
    return {
      status: 503,
      headers: { 'cache-control': 'no-store' },
      jsonBody: { status: 'degraded', version, reason: 'invalid configuration' },
    };
  }
  const storage = await checkStorage(settings.tablesConnectionString, {
    azuriteTablePort: settings.isRunningInAzure ? undefined : settings.azuriteTablePort,
    timeoutMs: STORAGE_TIMEOUT_MS,
  });
  if (!storage.reachable) {
    context.warn(`health: storage did not answer: ${storage.error ?? 'unknown'}`);
    return {
      status: 503,
      headers: { 'cache-control': 'no-store' },
      jsonBody: {
        status: 'degraded',
        version,
        reason: `storage ${storage.error ?? 'unreachable'}`,
        storage: { reachable: false, latencyMs: storage.latencyMs },
      },
    };
  }
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    jsonBody: { status: 'ok', version, storage: { reachable: true, latencyMs: storage.latencyMs } },
  };
}

app.http('health', { methods: ['GET'], authLevel: 'anonymous', route: 'health', handler: health });

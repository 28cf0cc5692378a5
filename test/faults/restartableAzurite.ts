/**
 * An Azurite Table service of a test's own that can be stopped and started again on the same port,
 * persisted to a temporary folder, so what was written before an outage is there after it (LokiJS writes
 * its file when the server closes). The suite's shared Azurite (azurite.globalSetup.ts) is never stopped:
 * other test files are using it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAzuriteTables, type RunningAzuriteTables } from '../../local/azurite';

export interface RestartableAzurite {
  /** Stays valid across stop and start: same host, same port. */
  connectionString: string;
  readonly running: boolean;
  /** Closes the server: connections are refused until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  dispose(): Promise<void>;
}

export async function startRestartableAzurite(): Promise<RestartableAzurite> {
  const location = mkdtempSync(path.join(tmpdir(), 'faults-azurite-'));
  // Port 0 picks a free port; every later start binds that same port again.
  let server: RunningAzuriteTables | undefined = await startAzuriteTables({ location });
  const port = server.port;
  const connectionString = server.connectionString;
  return {
    connectionString,
    get running() {
      return server !== undefined;
    },
    async stop() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    async start() {
      if (server) return;
      server = await startAzuriteTables({ location, port });
    },
    async dispose() {
      const running = server;
      server = undefined;
      await running?.close();
      rmSync(location, { recursive: true, force: true });
    },
  };
}

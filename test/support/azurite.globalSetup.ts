/**
 * One in-memory Azurite Table service for the whole test run. Tests isolate themselves by table name
 * (see `uniqueTableName`), so they can share it and run in parallel.
 */
import type { TestProject } from 'vitest/node';
import { startAzuriteTables } from '../../local/azurite';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzuriteTables();
  project.provide('tablesConnectionString', azurite.connectionString);
  return () => azurite.close();
}

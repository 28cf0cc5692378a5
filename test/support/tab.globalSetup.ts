/**
 * Builds the dashboard tab (dist/tab) once per test run, as `npm run build` and `npm start` do, so the
 * tab functions and the browser test serve the current sources.
 */
import { buildTab } from '../../scripts/buildTab';

export default async function setup(): Promise<void> {
  await buildTab();
}

/**
 * Timer triggers for the local Functions host: a six-field NCRONTAB schedule (seconds first) run with
 * croner, and the `Timer` object the worker passes to the handler.
 */
import type { Timer } from '@azure/functions';
import { Cron } from 'croner';
import type { CoreBinding } from './functionsCore';

/** Resolves `%NAME%` from app settings, as the Functions host does in binding expressions. */
function resolveAppSettings(text: string): string {
  return text.replace(/%(\w+)%/g, (_, name: string) => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`App setting "${name}" used in "${text}" is not set`);
    return value;
  });
}

export interface ScheduledTimer {
  /** Runs the startup invocation if `runOnStartup` is set, then follows the schedule. */
  start(): void;
  stop(): void;
}

/**
 * Plans `run` on the trigger's schedule. Throws at once for a schedule Azure would refuse, so the mistake
 * shows at `npm start`, not after deployment. `run` must not reject.
 */
export function scheduleTimer(
  functionName: string,
  trigger: CoreBinding,
  run: (timer: Timer) => Promise<void>,
): ScheduledTimer {
  const schedule = resolveAppSettings(typeof trigger['schedule'] === 'string' ? trigger['schedule'] : '');
  // Azure takes six-field NCRONTAB only. croner would also take five fields (no seconds), which would
  // then work locally and fail on deployment.
  if (schedule.trim().split(/\s+/).length !== 6) {
    throw new Error(
      `Timer "${functionName}": schedule "${schedule}" needs 6 fields: second minute hour day month day-of-week`,
    );
  }
  let lastRun: Date | undefined;
  const fire = (): Promise<void> => {
    const now = new Date();
    const timer: Timer = {
      // Azure sets this after downtime, from a schedule monitor kept in storage; locally nothing is missed.
      isPastDue: false,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: (lastRun ?? now).toISOString(),
        next: job.nextRun()?.toISOString() ?? '',
        lastUpdated: now.toISOString(),
      },
    };
    lastRun = now;
    return run(timer);
  };
  // `protect` skips an occurrence while the previous run still goes, like the singleton lock Azure holds
  // for timer functions. Paused until started, so a host that fails to listen runs nothing.
  const job = new Cron(schedule, { paused: true, protect: true }, fire);
  return {
    start() {
      if (trigger['runOnStartup'] === true) void fire();
      job.resume();
    },
    stop: () => job.stop(),
  };
}

/**
 * The one logger interface of the app. Every module that reports something takes a `Logger` from its
 * composition root (runtime/), so tests can collect what was said and production sends it to the
 * Functions host, which forwards console output to Application Insights. Messages are fixed sentences;
 * what varies goes in `details` (ids, counts, the error), never a person's name or a message's text.
 */
export type LogDetails = Readonly<Record<string, unknown>>;

export interface Logger {
  error(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  info(message: string, details?: LogDetails): void;
}

export const consoleLogger: Logger = {
  error: (message, details) => console.error(message, details ?? {}),
  warn: (message, details) => console.warn(message, details ?? {}),
  info: (message, details) => console.log(message, details ?? {}),
};

/** A logger that drops everything (for code paths whose caller reports the outcome itself). */
export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
};

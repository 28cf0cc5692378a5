import 'vitest';

declare module 'vitest' {
  /** Values the global setup hands to every test file through `inject`. */
  export interface ProvidedContext {
    tablesConnectionString: string;
  }
}

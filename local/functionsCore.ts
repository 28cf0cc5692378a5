/**
 * A stand-in for `@azure/functions-core`, the module the real Azure Functions Node.js worker injects.
 *
 * Why it exists: Azure Functions Core Tools cannot be installed here (its postinstall downloads a binary),
 * so there is no worker locally. `@azure/functions` registers functions by calling
 * `require('@azure/functions-core')`; when that fails the library switches to "test mode" and `app.http()`
 * silently registers nothing. This module answers that `require` (by teaching Node's CommonJS loader the
 * name) and records what the library passes to `registerFunction`: the same metadata and handler the
 * worker receives. `local/functionsHost.ts` then serves them.
 *
 * The library looks the module up once, on the first `app.*` call, and caches the answer: install this
 * before any function module runs (importing this file installs it).
 */
import Module from 'node:module';
import type { LogLevel } from '@azure/functions';

export const CORE_MODULE = '@azure/functions-core';

/** A binding as `@azure/functions` hands it to the worker (see its `toCoreFunctionMetadata`). */
export interface CoreBinding {
  type?: string | null;
  direction?: string | null;
  [property: string]: unknown;
}
export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;

export interface RegisteredFunction {
  name: string;
  bindings: Record<string, CoreBinding>;
  /** The user's handler, called as `(triggerInput, context)`. */
  callback: FunctionCallback;
}

export type HostLog = (level: LogLevel, message: string) => void;

export const consoleLog: HostLog = (level, message) => {
  if (level === 'error' || level === 'critical') console.error(message);
  else if (level === 'warning') console.warn(message);
  else if (level !== 'trace' && level !== 'debug' && level !== 'none') console.log(message);
};

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export interface Registry {
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, Set<HookCallback>>;
  /** Shared by all hooks of the app (the worker's `appHookData`). */
  appHookData: Record<string, unknown>;
  programmingModel: unknown;
  /** Where `log` and handler logs go; the most recently started host sets it. */
  log: HostLog;
}

// One registry per process, as there is one worker per process in Azure. Kept on globalThis so that a
// copy of this module evaluated twice (test runners can do that) still shares the object that the
// library cached on its first lookup.
const registryKey = Symbol.for('innovation-gates.functions-core');
const globalSlot = globalThis as { [registryKey]?: Registry };
export const registry: Registry = (globalSlot[registryKey] ??= {
  functions: new Map(),
  hooks: new Map(),
  appHookData: {},
  programmingModel: undefined,
  log: consoleLog,
});

/** The parts of the worker's API that `@azure/functions` 4.x calls. */
const functionsCore = {
  version: '0.0.0-local',
  hostVersion: '4.0.0-local',
  Disposable,
  registerFunction(
    metadata: { name: string; bindings: Record<string, CoreBinding> },
    callback: FunctionCallback,
  ) {
    // The worker refuses duplicates too; silently replacing one would hide a copy-paste error.
    if (registry.functions.has(metadata.name)) {
      throw new Error(`A function named "${metadata.name}" is already registered`);
    }
    registry.functions.set(metadata.name, { name: metadata.name, bindings: metadata.bindings, callback });
    return new Disposable(() => registry.functions.delete(metadata.name));
  },
  registerHook(hookName: string, callback: HookCallback) {
    const hooks = registry.hooks.get(hookName) ?? new Set();
    registry.hooks.set(hookName, hooks.add(callback));
    return new Disposable(() => hooks.delete(callback));
  },
  setProgrammingModel(model: unknown): void {
    registry.programmingModel = model;
  },
  getProgrammingModel: (): unknown => registry.programmingModel,
  // Its presence also tells `app.setup({ enableHttpStream: true })` that the host is recent enough.
  log(level: LogLevel, category: string, message: string): void {
    registry.log(level, category === 'system' ? `[functions] ${message}` : message);
  },
};

/** Makes `require('@azure/functions-core')` return the stand-in. Idempotent. */
export function installFunctionsCore(): void {
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, Module | undefined>;
  };
  if (loader._cache[CORE_MODULE]?.exports === functionsCore) return;
  const resolve = loader._resolveFilename;
  // The bare name serves as the "file name": no real path looks like it, and `Module._load` finds it in
  // the cache below before it would try to read anything from disk.
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === CORE_MODULE ? CORE_MODULE : resolve.call(this, request, ...rest);
  };
  const mod = new Module(CORE_MODULE);
  mod.exports = functionsCore;
  mod.loaded = true;
  loader._cache[CORE_MODULE] = mod;
}
installFunctionsCore();

/** Runs the hooks registered under `name` in order; a throwing hook stops the rest, as in the worker. */
export async function runHooks(name: string, context: Record<string, unknown>): Promise<void> {
  for (const hook of registry.hooks.get(name) ?? []) await hook(context);
}

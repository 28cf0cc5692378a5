/** The default branch of an exhaustive switch: the compiler proves it unreachable, and it throws if not. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

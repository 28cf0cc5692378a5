import type { Localized } from './localized';

/**
 * The refusals the domain knows. Each carries a stable `code` for programs, a message in both
 * languages for people, and `details` for whatever a caller needs to act on it (for example the list of
 * missing prompts). Adapters translate the `kind` exactly once: to an HTTP status, to an Adaptive Card
 * invoke response, or to a chat reply.
 */
export type DomainErrorKind = 'validation' | 'forbidden' | 'notFound' | 'conflict';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    readonly text: Localized,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule of the process (a missing answer, a reason left empty). */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
}

/** The acting person lacks the role this action needs. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** The case, stage, prompt or template named does not exist. */
export class NotFoundError extends DomainError {
  readonly kind = 'notFound';
}

/** The action does not fit the case as it stands now (already decided, paused, stale card, busy). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

import { assertNever, DomainError, type DomainErrorKind } from '@invoice-engine/kernel';
import { InvalidMessageError, PermanentError, TransientError } from './message-errors';

/** How handler failures are retried. Attempts count every call of the handler, the first one included. */
export interface RetryPolicy {
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Attempts for a `TransientError` before dead-lettering; `Infinity` waits for the dependency forever. */
  readonly maxTransientAttempts: number;
  /** Attempts for an error that is neither transient nor permanent (a bug, an unexpected library error). */
  readonly maxUnknownErrorAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  initialBackoffMs: 100,
  maxBackoffMs: 5000,
  maxTransientAttempts: Number.POSITIVE_INFINITY,
  maxUnknownErrorAttempts: 5,
};

/** Why a message went to the dead-letter topic. */
export type DeadLetterKind = 'invalid-message' | 'permanent-error' | 'retries-exhausted';

export type FailureDecision =
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'dead-letter'; readonly kind: DeadLetterKind; readonly reason: string };

export type ErrorClass = 'transient' | 'permanent' | 'invalid' | 'unknown';

/**
 * Sorts an error thrown while handling a message. Besides this library's own classes it understands the
 * kernel's `DomainError` by its `kind`: a broken rule or a validation failure will fail again, while a
 * conflict (a concurrent append) or a not-found (the aggregate's creating message is still on its way
 * through another topic) can succeed on a retry.
 */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof TransientError) {
    return 'transient';
  }
  if (error instanceof PermanentError) {
    return 'permanent';
  }
  if (error instanceof InvalidMessageError) {
    return 'invalid';
  }
  if (error instanceof DomainError) {
    return classOfDomainError(error.kind);
  }
  return 'unknown';
}

/** Decides what happens after the `attempt`-th failed attempt (1-based) to handle a message. */
export function decideOnFailure(error: unknown, attempt: number, policy: RetryPolicy): FailureDecision {
  const reason = describeError(error);
  const errorClass = classifyError(error);
  switch (errorClass) {
    case 'invalid':
      return { action: 'dead-letter', kind: 'invalid-message', reason };
    case 'permanent':
      return { action: 'dead-letter', kind: 'permanent-error', reason };
    case 'transient':
      return retryOrGiveUp(reason, attempt, policy.maxTransientAttempts, policy);
    case 'unknown':
      return retryOrGiveUp(reason, attempt, policy.maxUnknownErrorAttempts, policy);
  }
}

/** Exponential backoff: initial, 2×, 4×, ... capped at the maximum. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.initialBackoffMs * 2 ** exponent, policy.maxBackoffMs);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

function retryOrGiveUp(
  reason: string,
  attempt: number,
  maxAttempts: number,
  policy: RetryPolicy,
): FailureDecision {
  if (attempt >= maxAttempts) {
    return {
      action: 'dead-letter',
      kind: 'retries-exhausted',
      reason: `gave up after ${attempt} attempts: ${reason}`,
    };
  }
  return { action: 'retry', delayMs: backoffMs(attempt, policy) };
}

function classOfDomainError(kind: DomainErrorKind): ErrorClass {
  switch (kind) {
    case 'validation':
    case 'illegal-state':
      return 'permanent';
    case 'conflict':
    case 'not-found':
      return 'transient';
    default:
      return assertNever(kind);
  }
}

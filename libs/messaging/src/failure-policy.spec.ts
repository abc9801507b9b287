import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@invoice-engine/kernel';
import {
  backoffMs,
  classifyError,
  decideOnFailure,
  defaultRetryPolicy,
  type RetryPolicy,
} from './failure-policy';
import { InvalidMessageError, PermanentError, TransientError } from './message-errors';

const policy: RetryPolicy = {
  initialBackoffMs: 100,
  maxBackoffMs: 1000,
  maxTransientAttempts: Number.POSITIVE_INFINITY,
  maxUnknownErrorAttempts: 3,
};

describe('error classification', () => {
  it('sorts our own error classes by what they declare', () => {
    expect(classifyError(new TransientError('database down'))).toBe('transient');
    expect(classifyError(new PermanentError('schedule is closed'))).toBe('permanent');
    expect(classifyError(new InvalidMessageError('bad json'))).toBe('invalid');
  });

  it('sorts domain errors by kind: broken rules are permanent, conflicts and not-found are worth a retry', () => {
    expect(classifyError(new DomainError('X.INVALID', 'validation', 'bad'))).toBe('permanent');
    expect(classifyError(new DomainError('X.POSTED', 'illegal-state', 'posted'))).toBe('permanent');
    expect(classifyError(new DomainError('X.REVISION', 'conflict', 'stale'))).toBe('transient');
    expect(classifyError(new DomainError('X.MISSING', 'not-found', 'none'))).toBe('transient');
  });

  it('calls anything else unknown', () => {
    expect(classifyError(new TypeError('x is undefined'))).toBe('unknown');
    expect(classifyError({ status: 'error', message: 'Internal server error' })).toBe('unknown');
    expect(classifyError('a string')).toBe('unknown');
  });
});

describe('when a handler fails', () => {
  it('dead-letters a permanent error at once with its reason', () => {
    expect(decideOnFailure(new PermanentError('schedule is closed'), 1, policy)).toEqual({
      action: 'dead-letter',
      kind: 'permanent-error',
      reason: 'PermanentError: schedule is closed',
    });
  });

  it('dead-letters an invalid message at once', () => {
    expect(decideOnFailure(new InvalidMessageError('not JSON'), 1, policy)).toMatchObject({
      action: 'dead-letter',
      kind: 'invalid-message',
    });
  });

  it('retries a transient error with growing backoff and no cap by default', () => {
    const error = new TransientError('database down');
    expect(decideOnFailure(error, 1, policy)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure(error, 2, policy)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure(error, 1000, policy)).toEqual({ action: 'retry', delayMs: 1000 });
  });

  it('retries an unknown error up to its cap, then dead-letters it saying so', () => {
    const error = new Error('boom');
    expect(decideOnFailure(error, 2, policy)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure(error, 3, policy)).toEqual({
      action: 'dead-letter',
      kind: 'retries-exhausted',
      reason: 'gave up after 3 attempts: Error: boom',
    });
  });

  it('caps transient retries too when the policy says so', () => {
    const capped = { ...policy, maxTransientAttempts: 2 };
    expect(decideOnFailure(new TransientError('down'), 2, capped)).toMatchObject({
      kind: 'retries-exhausted',
    });
  });

  it('keeps the message of a non-Error rejection as the reason', () => {
    const nestDefault = { status: 'error', message: 'Internal server error' };
    expect(decideOnFailure(nestDefault, 3, policy)).toMatchObject({
      reason: 'gave up after 3 attempts: Internal server error',
    });
  });
});

describe('backoff', () => {
  it('doubles from the initial delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, defaultRetryPolicy))).toEqual([
      100, 200, 400, 800, 1600, 3200,
    ]);
    expect(backoffMs(50, defaultRetryPolicy)).toBe(5000);
  });
});

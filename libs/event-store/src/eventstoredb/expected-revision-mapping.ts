import { ANY, NO_STREAM, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision, StreamRevision } from '../event-store.port';

/** The port's expected revision in the client's terms; both count revisions from 0 for the first event. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  return expected;
}

/** The stream's actual revision as the client reports it in a WrongExpectedVersionError. */
export function fromClientCurrentRevision(actual: CurrentRevision): StreamRevision | 'no-stream' {
  return actual === NO_STREAM ? 'no-stream' : actual;
}

/**
 * Where the events of an append land when it succeeds, or null for `any` (anywhere). Used to look
 * for the events of a rejected append: if they are already there, the append was a retry.
 */
export function firstRevisionOf(expected: ExpectedRevision): StreamRevision | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return 0n;
  return expected + 1n;
}

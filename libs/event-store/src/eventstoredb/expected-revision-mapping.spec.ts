import { ANY, NO_STREAM } from '@eventstore/db-client';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  firstRevisionOf,
  fromClientCurrentRevision,
  toClientExpectedRevision,
} from './expected-revision-mapping';

describe('expected revisions', () => {
  it('map any and no-stream to the client constants', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no-stream')).toBe(NO_STREAM);
  });

  it('pass an exact revision through unchanged, since both count from 0', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), (revision) => {
        expect(toClientExpectedRevision(revision)).toBe(revision);
      }),
      { numRuns: 50 },
    );
  });
});

describe('actual revisions reported by a WrongExpectedVersionError', () => {
  it('map no_stream to no-stream and a revision to itself', () => {
    expect(fromClientCurrentRevision(NO_STREAM)).toBe('no-stream');
    expect(fromClientCurrentRevision(7n)).toBe(7n);
  });
});

describe('where an append lands', () => {
  it('is revision 0 for a new stream, the next revision after an exact one, and unknown for any', () => {
    expect(firstRevisionOf('no-stream')).toBe(0n);
    expect(firstRevisionOf(4n)).toBe(5n);
    expect(firstRevisionOf('any')).toBeNull();
  });
});

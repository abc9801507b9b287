import { describe, expect, it } from '@jest/globals';
import { InvalidAppendError, WrongExpectedRevisionError, type EventStore } from '../event-store.port';
import { anEvent, envelopeOf, events, messageIds, uniqueCategory } from './contract-fixtures';
import { describeConcurrencyContract, type ConcurrencyLoad } from './concurrency.contract';
import { describeSubscriptionContract } from './subscription.contract';

export interface EventStoreContractOptions {
  /** Load of the "concurrent writers with a live subscriber" case. */
  readonly concurrency?: ConcurrencyLoad;
  /** Per-test timeout in ms (default 60 s). */
  readonly timeoutMs?: number;
}

/**
 * Opens a store on the storage the adapter test prepared. Called several times per test: closing a
 * store and opening another is how the suite simulates a restart. The suite closes what it opened.
 */
export type OpenEventStore = () => Promise<EventStore>;

/** The behaviour every `EventStore` adapter must show; run it once per adapter. */
export function describeEventStoreContract(
  name: string,
  openStore: OpenEventStore,
  options: EventStoreContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 60_000;
  const withStore = (test: (store: EventStore) => Promise<void>) => async () => {
    const store = await openStore();
    try {
      await test(store);
    } finally {
      await store.close();
    }
  };

  describe(`${name} event store contract`, () => {
    describe('when events are appended to a new stream', () => {
      it(
        'reads them back in order with their envelope, stream, revisions and growing positions',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          const appended = events(3);
          const result = await store.append(stream, appended, 'no-stream');
          const read = await store.readStream(stream);
          expect(read.map(envelopeOf)).toEqual(appended);
          expect(read.map((event) => event.streamId)).toEqual([stream, stream, stream]);
          expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
          const positions = read.map((event) => event.position);
          expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
          expect(new Set(positions).size).toBe(3);
          expect(result).toEqual({ nextExpectedRevision: 2n, position: positions[2] });
        }),
        timeout,
      );

      it(
        'keeps bigint money in event data exact',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          const [first] = events(1);
          if (!first) throw new Error('fixture gave no event');
          const withMoney = {
            ...first,
            data: { lines: [{ minorUnits: 123456789012345678901234567890n }], note: 'x' },
          };
          await store.append(stream, [withMoney], 'no-stream');
          const [read] = await store.readStream(stream);
          expect(read?.data).toEqual(withMoney.data);
        }),
        timeout,
      );

      it(
        'reads from a given revision, and an unknown stream as empty',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          const appended = events(12);
          await store.append(stream, appended, 'no-stream');
          expect(messageIds(await store.readStream(stream))).toEqual(messageIds(appended));
          expect(messageIds(await store.readStream(stream, 2n))).toEqual(messageIds(appended.slice(2)));
          expect(await store.readStream(`${uniqueCategory()}-missing`)).toEqual([]);
        }),
        timeout,
      );

      it(
        'reads several streams at once, each in order, and an unknown one as empty',
        withStore(async (store) => {
          const category = uniqueCategory();
          const first = events(3);
          const second = events(2);
          await store.appendMany([
            { stream: `${category}-1`, events: first, expectedRevision: 'no-stream' },
            { stream: `${category}-2`, events: second, expectedRevision: 'no-stream' },
          ]);
          const read = await store.readStreams([`${category}-2`, `${category}-missing`, `${category}-1`]);
          expect([...read.keys()].sort()).toEqual([`${category}-1`, `${category}-2`, `${category}-missing`]);
          expect(messageIds(read.get(`${category}-1`) ?? [])).toEqual(messageIds(first));
          expect(messageIds(read.get(`${category}-2`) ?? [])).toEqual(messageIds(second));
          expect(read.get(`${category}-2`)?.map((event) => event.revision)).toEqual([0n, 1n]);
          expect(read.get(`${category}-missing`)).toEqual([]);
          expect((await store.readStreams([])).size).toBe(0);
        }),
        timeout,
      );

      it(
        'refuses an append without events',
        withStore(async (store) => {
          await expect(store.append(`${uniqueCategory()}-1`, [], 'any')).rejects.toBeInstanceOf(
            InvalidAppendError,
          );
        }),
        timeout,
      );
    });

    describe('when the expected revision is checked', () => {
      it(
        'accepts no-stream on a new stream and rejects it on an existing one',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await expect(store.append(stream, events(2), 'no-stream')).resolves.toMatchObject({
            nextExpectedRevision: 1n,
          });
          await expect(store.append(stream, events(1), 'no-stream')).rejects.toMatchObject({
            name: 'WrongExpectedRevisionError',
            stream,
            expected: 'no-stream',
            actual: 1n,
          });
        }),
        timeout,
      );

      it(
        'accepts the exact last revision and rejects a stale or premature one with both revisions',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await store.append(stream, events(2), 'no-stream');
          await expect(store.append(stream, events(1), 1n)).resolves.toMatchObject({
            nextExpectedRevision: 2n,
          });
          const stale = store.append(stream, events(1), 1n);
          await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          await expect(stale).rejects.toMatchObject({ expected: 1n, actual: 2n });
          await expect(store.append(stream, events(1), 5n)).rejects.toMatchObject({
            expected: 5n,
            actual: 2n,
          });
          expect(await store.readStream(stream)).toHaveLength(3);
        }),
        timeout,
      );

      it(
        'rejects an exact revision on a stream that does not exist',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await expect(store.append(stream, events(1), 0n)).rejects.toMatchObject({
            name: 'WrongExpectedRevisionError',
            expected: 0n,
            actual: 'no-stream',
          });
          expect(await store.readStream(stream)).toEqual([]);
        }),
        timeout,
      );

      it(
        'accepts any on a new and on an existing stream',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await expect(store.append(stream, events(1), 'any')).resolves.toMatchObject({
            nextExpectedRevision: 0n,
          });
          await expect(store.append(stream, events(2), 'any')).resolves.toMatchObject({
            nextExpectedRevision: 2n,
          });
        }),
        timeout,
      );
    });

    describe('when an append is retried', () => {
      it(
        'writes nothing the second time and returns the first result',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          const appended = events(3);
          const first = await store.append(stream, appended, 'no-stream');
          await store.append(stream, events(1), 2n);
          await expect(store.append(stream, appended, 'no-stream')).resolves.toEqual(first);
          await expect(store.append(stream, appended, 'any')).resolves.toEqual(first);
          expect(await store.readStream(stream)).toHaveLength(4);
        }),
        timeout,
      );

      it(
        'treats a retry at an exact revision the same way',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await store.append(stream, events(1), 'no-stream');
          const appended = events(2);
          const first = await store.append(stream, appended, 0n);
          await expect(store.append(stream, appended, 0n)).resolves.toEqual(first);
          expect(messageIds(await store.readStream(stream, 1n))).toEqual(messageIds(appended));
        }),
        timeout,
      );

      it(
        'rejects a different event at a position already taken',
        withStore(async (store) => {
          const stream = `${uniqueCategory()}-1`;
          await store.append(stream, [anEvent()], 'no-stream');
          await expect(store.append(stream, [anEvent()], 'no-stream')).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
          expect(await store.readStream(stream)).toHaveLength(1);
        }),
        timeout,
      );
    });

    describe('when many streams are appended at once', () => {
      it(
        'returns one result per stream in order',
        withStore(async (store) => {
          const category = uniqueCategory();
          const results = await store.appendMany([
            { stream: `${category}-a`, events: events(2), expectedRevision: 'no-stream' },
            { stream: `${category}-b`, events: events(1), expectedRevision: 'any' },
          ]);
          expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 0n]);
          expect(await store.readStream(`${category}-a`)).toHaveLength(2);
          expect(await store.readStream(`${category}-b`)).toHaveLength(1);
        }),
        timeout,
      );

      it(
        'writes nothing when one stream conflicts, if the adapter is atomic',
        withStore(async (store) => {
          const category = uniqueCategory();
          await store.append(`${category}-b`, events(1), 'no-stream');
          const batch = store.appendMany([
            { stream: `${category}-a`, events: events(2), expectedRevision: 'no-stream' },
            { stream: `${category}-b`, events: events(1), expectedRevision: 'no-stream' },
          ]);
          await expect(batch).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          const writtenToA = (await store.readStream(`${category}-a`)).length;
          expect(writtenToA).toBe(store.appendManyIsAtomic ? 0 : writtenToA);
        }),
        timeout,
      );
    });

    describeSubscriptionContract(openStore, timeout);
    describeConcurrencyContract(openStore, options.concurrency, timeout);
  });
}

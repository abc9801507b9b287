import { describe, expect, it } from '@jest/globals';
import type { EventStore, RecordedEvent, StreamAppend } from '../event-store.port';
import { collect, events, messageIds, uniqueCategory } from './contract-fixtures';
import type { OpenEventStore } from './event-store.contract';

export interface ConcurrencyLoad {
  readonly writers: number;
  readonly eventsPerWriter: number;
}

const defaultLoad: ConcurrencyLoad = { writers: 8, eventsPerWriter: 5_000 };
const streamsPerWriter = 4;

/**
 * One writer: its own streams at exact revisions, alone or several per `appendMany`, batches of 1 to
 * 25 events, plus single events with `any` on a stream every writer shares. Returns the ids written.
 */
async function write(store: EventStore, category: string, writer: number, total: number): Promise<string[]> {
  const revisions = new Map<string, bigint>();
  const written: string[] = [];
  const streamOf = (index: number) => `${category}-w${writer}s${index % streamsPerWriter}`;
  for (let step = 0; written.length < total; step += 1) {
    const left = total - written.length;
    if (step % 10 === 9) {
      const single = events(1);
      await store.append(`${category}-shared`, single, 'any');
      written.push(...messageIds(single));
      continue;
    }
    const streams =
      step % 3 === 0 && left >= 3
        ? [streamOf(step), streamOf(step + 1), streamOf(step + 2)]
        : [streamOf(step)];
    const appends: StreamAppend[] = streams.map((stream) => ({
      stream,
      events: events(
        Math.max(1, Math.min(Math.floor(left / streams.length), 1 + Math.floor(Math.random() * 25))),
      ),
      expectedRevision: revisions.get(stream) ?? 'no-stream',
    }));
    const results = await store.appendMany(appends);
    appends.forEach((append, index) => {
      revisions.set(append.stream, results[index]?.nextExpectedRevision ?? 0n);
      written.push(...messageIds(append.events));
    });
  }
  return written;
}

function revisionsByStream(delivered: readonly RecordedEvent[]): Map<string, bigint[]> {
  const byStream = new Map<string, bigint[]>();
  for (const event of delivered) {
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.revision]);
  }
  return byStream;
}

export function describeConcurrencyContract(
  openStore: OpenEventStore,
  load: ConcurrencyLoad = defaultLoad,
  timeout: number,
): void {
  describe(`when ${load.writers} writers append ${load.eventsPerWriter} events each while a subscriber listens`, () => {
    it(
      'delivers every event exactly once per subscription, each stream in revision order',
      async () => {
        const store = await openStore();
        try {
          const category = uniqueCategory();
          const total = load.writers * load.eventsPerWriter;
          const delivered = collect(
            store,
            { from: 'start', filter: { streamCategories: [category] } },
            (list) => list.length >= total,
            timeout,
          );
          const written = (
            await Promise.all(
              Array.from({ length: load.writers }, (_, writer) =>
                write(store, category, writer, load.eventsPerWriter),
              ),
            )
          ).flat();
          const seen = (await delivered).events;
          const ids = messageIds(seen);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual([...written].sort());
          const positions = seen.map((event) => event.position);
          expect(
            positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? 0n)),
          ).toBe(true);
          for (const [stream, revisions] of revisionsByStream(seen)) {
            expect({ stream, revisions }).toEqual({
              stream,
              revisions: revisions.map((_, index) => BigInt(index)),
            });
          }
        } finally {
          await store.close();
        }
      },
      timeout * 3,
    );
  });
}

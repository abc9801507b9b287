import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { collect, events, messageIds, uniqueCategory } from './contract-fixtures';
import type { OpenEventStore } from './event-store.contract';

const uniqueType = (name: string): string => `${name}${randomBytes(4).toString('hex')}`;

export function describeSubscriptionContract(openStore: OpenEventStore, timeout: number): void {
  describe('when subscribed to all events', () => {
    it(
      'delivers past events in commit order with a checkpoint at or after each batch',
      async () => {
        const store = await openStore();
        try {
          const category = uniqueCategory();
          const first = events(3);
          const second = events(2);
          await store.append(`${category}-a`, first, 'no-stream');
          await store.append(`${category}-b`, second, 'no-stream');
          const seen = await collect(
            store,
            { from: 'start', filter: { streamCategories: [category] } },
            (list) => list.length >= 5,
          );
          expect(messageIds(seen.events)).toEqual(messageIds([...first, ...second]));
          const lastPosition = seen.events[seen.events.length - 1]?.position ?? 0n;
          expect(seen.checkpoints[seen.checkpoints.length - 1]).toBeGreaterThanOrEqual(lastPosition);
        } finally {
          await store.close();
        }
      },
      timeout,
    );

    it(
      'delivers an event appended while the subscriber is idle',
      async () => {
        const store = await openStore();
        try {
          const category = uniqueCategory();
          const appended = events(1);
          const seen = collect(store, { from: 'start', filter: { streamCategories: [category] } }, (list) =>
            list.some((event) => event.messageId === appended[0]?.messageId),
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
          await store.append(`${category}-1`, appended, 'no-stream');
          expect(messageIds((await seen).events)).toEqual(messageIds(appended));
        } finally {
          await store.close();
        }
      },
      timeout,
    );

    it(
      'resumes after its checkpoint when a new store is opened after a restart',
      async () => {
        const category = uniqueCategory();
        const filter = { streamCategories: [category] };
        const before = events(10);
        const beforeRestart = await openStore();
        let firstBatch: { ids: string[]; checkpoint: bigint };
        try {
          await beforeRestart.append(`${category}-a`, before.slice(0, 6), 'no-stream');
          await beforeRestart.append(`${category}-b`, before.slice(6), 'no-stream');
          const seen = await collect(
            beforeRestart,
            { from: 'start', filter, batchSize: 4 },
            (list) => list.length > 0,
          );
          firstBatch = { ids: messageIds(seen.events), checkpoint: seen.checkpoints[0] ?? 0n };
        } finally {
          await beforeRestart.close();
        }
        const afterRestart = await openStore();
        try {
          const after = events(3);
          await afterRestart.append(`${category}-c`, after, 'no-stream');
          const expected = messageIds([...before, ...after]).slice(firstBatch.ids.length);
          const seen = await collect(
            afterRestart,
            { from: { after: firstBatch.checkpoint }, filter },
            (list) => list.length >= expected.length,
          );
          expect(firstBatch.ids.length).toBeGreaterThan(0);
          expect(messageIds(seen.events)).toEqual(expected);
        } finally {
          await afterRestart.close();
        }
      },
      timeout,
    );

    it(
      'delivers only the categories asked for',
      async () => {
        const store = await openStore();
        try {
          const [wanted, other] = [uniqueCategory(), uniqueCategory()];
          const wantedEvents = [...events(2), ...events(1)];
          await store.append(`${wanted}-1`, wantedEvents.slice(0, 2), 'no-stream');
          await store.append(`${other}-1`, events(3), 'no-stream');
          await store.append(`${wanted}-2`, wantedEvents.slice(2), 'no-stream');
          const seen = await collect(
            store,
            { from: 'start', filter: { streamCategories: [wanted] } },
            (list) => list.length >= 3,
          );
          expect(messageIds(seen.events)).toEqual(messageIds(wantedEvents));
        } finally {
          await store.close();
        }
      },
      timeout,
    );

    it(
      'delivers only the event types asked for, alone or with a category',
      async () => {
        const store = await openStore();
        try {
          const category = uniqueCategory();
          const [wantedType, otherType] = [uniqueType('Wanted'), uniqueType('Other')];
          const wanted = [...events(2, wantedType), ...events(1, wantedType)];
          await store.append(`${category}-1`, [wanted[0]!, ...events(2, otherType), wanted[1]!], 'no-stream');
          await store.append(`${uniqueCategory()}-1`, events(1, wantedType), 'no-stream');
          await store.append(`${category}-2`, [...events(1, otherType), wanted[2]!], 'no-stream');
          const byType = await collect(
            store,
            { from: 'start', filter: { eventTypes: [wantedType] } },
            (list) => list.length >= 4,
          );
          expect(byType.events.map((event) => event.type)).toEqual([
            wantedType,
            wantedType,
            wantedType,
            wantedType,
          ]);
          const byBoth = await collect(
            store,
            { from: 'start', filter: { streamCategories: [category], eventTypes: [wantedType] } },
            (list) => list.length >= 3,
          );
          expect(messageIds(byBoth.events)).toEqual(messageIds(wanted));
        } finally {
          await store.close();
        }
      },
      timeout,
    );
  });
}

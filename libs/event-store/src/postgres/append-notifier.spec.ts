import { describe, expect, it } from '@jest/globals';
import type { SqlQueryable } from '../sql/sql-connection';
import { AppendNotifier } from './append-notifier';

/** A connection whose statements complete only when the test says so. */
class ControlledConnection implements SqlQueryable {
  readonly sent: { text: string; params: readonly unknown[] }[] = [];
  private readonly completions: { resolve: () => void; reject: (error: Error) => void }[] = [];

  query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<readonly Row[]> {
    this.sent.push({ text, params });
    return new Promise<readonly Row[]>((resolve, reject) =>
      this.completions.push({ resolve: () => resolve([]), reject }),
    );
  }

  async complete(): Promise<void> {
    this.completions.shift()?.resolve();
    await settle();
  }

  async fail(): Promise<void> {
    this.completions.shift()?.reject(new Error('connection lost'));
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

describe('AppendNotifier', () => {
  describe('when one append commits', () => {
    it('sends one NOTIFY on the store channel, outside the append', async () => {
      const connection = new ControlledConnection();
      const notifier = new AppendNotifier(connection, 'event_store_events_appended');
      notifier.appended();
      expect(connection.sent).toHaveLength(1);
      expect(connection.sent[0]?.text).toContain('pg_notify($1');
      expect(connection.sent[0]?.params).toEqual(['event_store_events_appended']);
      await connection.complete();
      await notifier.settled();
      expect(connection.sent).toHaveLength(1);
    });
  });

  describe('when appends commit while a notification is in flight', () => {
    it('sends exactly one more, after the one in flight completed', async () => {
      const connection = new ControlledConnection();
      const notifier = new AppendNotifier(connection, 'channel');
      notifier.appended();
      notifier.appended();
      notifier.appended();
      expect(connection.sent).toHaveLength(1);
      await connection.complete();
      expect(connection.sent).toHaveLength(2);
      await connection.complete();
      await notifier.settled();
      expect(connection.sent).toHaveLength(2);
    });
  });

  describe('when a notification fails', () => {
    it('swallows the error and notifies again on the next append', async () => {
      const connection = new ControlledConnection();
      const notifier = new AppendNotifier(connection, 'channel');
      notifier.appended();
      await connection.fail();
      await expect(notifier.settled()).resolves.toBeUndefined();
      notifier.appended();
      expect(connection.sent).toHaveLength(2);
      await connection.complete();
      await notifier.settled();
    });
  });
});

import type { SqlQueryable } from '../sql/sql-connection';

/**
 * Wakes subscribers (in every process that listens) after appends have committed, with a `NOTIFY` in a
 * transaction of its own.
 *
 * Why not in the append's transaction (a trigger, as migration 1 had): PostgreSQL serializes the
 * commits of all transactions that sent a notification, holding a database-wide lock until the commit
 * record is flushed (so that the queue stays in commit order). Concurrent appends then cannot share a
 * disk flush (group commit); measured, most of the waiting in the 8-writer bench was on that lock.
 *
 * Here the notifying transaction writes nothing, so it commits asynchronously and holds that lock
 * only briefly. At most one notification is in flight per store: appends that commit meanwhile are
 * covered by one more, sent once it completes, so every append is followed by a notification sent
 * after its commit. A failed notification is dropped: subscribers still poll.
 */
export class AppendNotifier {
  private inFlight: Promise<void> | undefined;
  private anotherNeeded = false;

  constructor(
    private readonly sql: SqlQueryable,
    private readonly channel: string,
  ) {}

  /** Call after an append committed. Never throws and never delays the caller. */
  appended(): void {
    if (this.inFlight) {
      this.anotherNeeded = true;
      return;
    }
    this.inFlight = this.sendUntilCurrent();
  }

  /** Resolves once no notification is in flight (before closing the connection). */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  private async sendUntilCurrent(): Promise<void> {
    do {
      this.anotherNeeded = false;
      await this.sql
        .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')`, [this.channel])
        .catch(() => undefined);
    } while (this.anotherNeeded);
    this.inFlight = undefined;
  }
}

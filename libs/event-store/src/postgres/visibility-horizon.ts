import type { GlobalPosition } from '../event-store.port';
import type { SqlQueryable } from '../sql/sql-connection';
import type { EventStoreSchema } from './event-store-schema';

/**
 * The highest position a subscriber may read up to without ever skipping an event: the gap problem.
 * Positions come from a sequence in allocation order, but transactions commit in any order, so
 * position 7 can become visible after 8 was read. This finds, without blocking any writer, the
 * positions that no open transaction can still fill.
 *
 * Why it holds: every append takes its transaction id before it allocates positions
 * (`append_to_streams`), and transaction ids are handed out in increasing order. Read the sequence's last
 * allocated value P; then take a transaction id X of our own. Every position ≤ P belongs to a
 * transaction whose id is < X. Once a snapshot's xmin (the oldest transaction id still running) is
 * past X, all of them have committed or rolled back, so the rows ≤ P are final. Such a pair (P, X) is a
 * mark; it resolves within about one commit time. Our own transaction commits asynchronously: it
 * writes nothing, so there is nothing to wait for.
 *
 * (`pg_snapshot_xmax` cannot stand in for X: it is the latest *completed* id plus one, and a
 * transaction that already holds a larger id may still be running.)
 */
export class VisibilityHorizon {
  /** Every position up to here is final. */
  safe: GlobalPosition = 0n;
  /** The last position any transaction had allocated, as of the last refresh. */
  allocated: GlobalPosition = 0n;
  private marks: { allocated: GlobalPosition; transactionId: bigint }[] = [];

  constructor(
    private readonly sql: SqlQueryable,
    private readonly schema: EventStoreSchema,
  ) {}

  /** Moves `safe` forward as far as it can, in three short round trips. */
  async refresh(): Promise<void> {
    const [state] = await this.sql.query<{ xmin: string; allocated: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              (SELECT CASE WHEN is_called THEN last_value ELSE 0 END
                 FROM ${this.schema.qualifier}events_position_seq)::text AS allocated`,
    );
    if (!state) return;
    this.resolveMarks(BigInt(state.xmin));
    this.allocated = BigInt(state.allocated);
    if (this.safe >= this.allocated) return;
    const [own] = await this.sql.query<{ transaction_id: string }>(
      `SELECT set_config('synchronous_commit', 'off', true), pg_current_xact_id()::text AS transaction_id`,
    );
    if (!own) return;
    this.addMark(this.allocated, BigInt(own.transaction_id));
    const [later] = await this.sql.query<{ xmin: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
    );
    if (later) this.resolveMarks(BigInt(later.xmin));
  }

  private addMark(allocated: GlobalPosition, transactionId: bigint): void {
    this.marks.push({ allocated, transactionId });
    // While a long transaction holds xmin back, marks pile up; dropping an older one only delays
    // (a newer mark covers more positions and resolves later).
    if (this.marks.length > 64) this.marks.splice(this.marks.length - 2, 1);
  }

  private resolveMarks(xmin: bigint): void {
    while (this.marks[0] && this.marks[0].transactionId < xmin) {
      const resolved = this.marks.shift();
      if (resolved && resolved.allocated > this.safe) this.safe = resolved.allocated;
    }
  }
}

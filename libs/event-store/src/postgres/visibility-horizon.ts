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
 *
 * Waiting for xmin also waits for unrelated transactions of the cluster (another schema's long
 * writer). So a mark also records which appends were running when it was taken: every append holds a
 * shared advisory lock on `appendersLockKey` from before it takes its transaction id until it ends
 * (migration 3), and `pg_locks` lists the holders by virtual transaction id. Read P first, then the
 * holders: an append that holds a position ≤ P took the lock before allocating it, so unless it has
 * already ended it is among them. Once none of them is running, the rows ≤ P are final, whatever
 * other transactions still run. (The lock is released only after the commit is visible.) Either
 * rule resolves a mark; each alone is enough.
 */
export class VisibilityHorizon {
  /** Every position up to here is final. */
  safe: GlobalPosition = 0n;
  /** The last position any transaction had allocated, as of the last refresh. */
  allocated: GlobalPosition = 0n;
  private marks: Mark[] = [];
  private readonly runningAppenders: string;

  constructor(
    private readonly sql: SqlQueryable,
    private readonly schema: EventStoreSchema,
  ) {
    const key = schema.appendersLockKey;
    // The virtual transaction ids of the appends running now, space-separated (text, so that `pg` and
    // PGlite read it alike). A bigint advisory key shows in pg_locks as classid (high 32 bits), objid
    // (low 32 bits) and objsubid 1.
    this.runningAppenders = `(SELECT coalesce(string_agg(l.virtualtransaction, ' '), '') FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.objsubid = 1
          AND l.classid = ${(key >> 32n).toString()} AND l.objid = ${(key & 0xffffffffn).toString()}
          AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))`;
  }

  /** Moves `safe` forward as far as it can, in at most three short round trips. */
  async refresh(): Promise<void> {
    const [state] = await this.sql.query<{ xmin: string; allocated: string; appenders: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              (SELECT CASE WHEN is_called THEN last_value ELSE 0 END
                 FROM ${this.schema.qualifier}events_position_seq)::text AS allocated,
              ${this.runningAppenders} AS appenders`,
    );
    if (!state) return;
    this.resolveMarks(BigInt(state.xmin), appendersOf(state.appenders));
    this.allocated = BigInt(state.allocated);
    if (this.safe >= this.allocated) return;
    // A statement after the one that read `allocated`: every append holding a position up to it is
    // either over or among these appenders, and has a transaction id below ours.
    const [own] = await this.sql.query<{ transaction_id: string; appenders: string }>(
      `SELECT set_config('synchronous_commit', 'off', true), pg_current_xact_id()::text AS transaction_id,
              ${this.runningAppenders} AS appenders`,
    );
    if (!own) return;
    const appenders = appendersOf(own.appenders);
    this.addMark({ allocated: this.allocated, transactionId: BigInt(own.transaction_id), appenders });
    this.resolveMarks(undefined, appenders);
    if (this.marks.length === 0) return;
    const [later] = await this.sql.query<{ xmin: string; appenders: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, ${this.runningAppenders} AS appenders`,
    );
    if (later) this.resolveMarks(BigInt(later.xmin), appendersOf(later.appenders));
  }

  private addMark(mark: Mark): void {
    this.marks.push(mark);
    // While a long transaction holds xmin back, marks pile up; dropping an older one only delays
    // (a newer mark covers more positions and resolves later).
    if (this.marks.length > 64) this.marks.splice(this.marks.length - 2, 1);
  }

  /**
   * A mark is resolved once the oldest running transaction id is past its own (`xmin`, when known),
   * or once none of the appends that were running when it was taken is running any more.
   */
  private resolveMarks(xmin: bigint | undefined, running: ReadonlySet<string>): void {
    const resolved = (mark: Mark) =>
      (xmin !== undefined && mark.transactionId < xmin) ||
      ![...mark.appenders].some((appender) => running.has(appender));
    while (this.marks[0] && resolved(this.marks[0])) {
      const mark = this.marks.shift();
      if (mark && mark.allocated > this.safe) this.safe = mark.allocated;
    }
  }
}

interface Mark {
  readonly allocated: GlobalPosition;
  readonly transactionId: bigint;
  /** Virtual transaction ids of the appends running when the mark was taken. */
  readonly appenders: ReadonlySet<string>;
}

function appendersOf(list: string): ReadonlySet<string> {
  return new Set(list.split(' ').filter((appender) => appender !== ''));
}

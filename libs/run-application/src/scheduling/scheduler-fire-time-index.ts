import type { GlobalPosition, StreamRevision } from '@invoice-engine/event-store';
import type { Instant } from '@invoice-engine/kernel';
import { qualifiedTable, quoteIdentifier, readModelSchemaOf } from '@invoice-engine/read-models';
import type { DataSource, EntityManager } from 'typeorm';

export const SCHEDULER_FIRE_TIMES_TABLE = 'invoice_batch_scheduler_fire_times';
export const SCHEDULER_FIRE_TIMES_CHECKPOINT_TABLE = 'invoice_batch_scheduler_fire_times_checkpoint';

/** When a scheduler fires next, as of its stream revision; null = it will not fire (not Active, ended). */
export interface SchedulerFireTime {
  readonly schedulerId: string;
  readonly status: string;
  readonly nextFireTime: Instant | null;
  readonly revision: StreamRevision;
}

/** A transaction on the index, holding the scheduler's advisory lock. */
export interface LockedScheduler {
  /** The indexed next fire time as committed now (another replica may just have moved it). */
  nextFireTime(): Promise<Instant | null>;
  save(fireTime: SchedulerFireTime): Promise<void>;
}

function toInstant(value: unknown): Instant | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString() as Instant;
  if (typeof value === 'string') return new Date(value).toISOString() as Instant;
  throw new Error(`Unexpected timestamp ${typeof value} from the fire time index`);
}

/**
 * The timer's index of schedulers by next fire time, in the read-model database: the service's own
 * table (created at start), fed from the scheduler streams. The `invoice_batch_schedulers` read model
 * does not exist yet; this table is private to the scheduling service.
 */
export class SchedulerFireTimeIndex {
  private readonly table: string;
  private readonly checkpointTable: string;

  constructor(private readonly dataSource: DataSource) {
    const schema = readModelSchemaOf(dataSource);
    this.table = qualifiedTable(schema, SCHEDULER_FIRE_TIMES_TABLE);
    this.checkpointTable = qualifiedTable(schema, SCHEDULER_FIRE_TIMES_CHECKPOINT_TABLE);
  }

  async migrate(): Promise<void> {
    await this.dataSource.query(
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(readModelSchemaOf(this.dataSource))}`,
    );
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         scheduler_id text PRIMARY KEY,
         status text NOT NULL,
         next_fire_time timestamptz,
         revision bigint NOT NULL
       )`,
    );
    await this.dataSource.query(
      `CREATE INDEX IF NOT EXISTS invoice_batch_scheduler_fire_times_due
         ON ${this.table} (next_fire_time) WHERE next_fire_time IS NOT NULL`,
    );
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS ${this.checkpointTable} (id integer PRIMARY KEY, position bigint NOT NULL)`,
    );
  }

  async checkpoint(): Promise<GlobalPosition | null> {
    const [row] = await this.dataSource.query<{ position: string }[]>(
      `SELECT position::text AS position FROM ${this.checkpointTable} WHERE id = 1`,
    );
    return row === undefined ? null : BigInt(row.position);
  }

  /** Rows and checkpoint in one transaction; an older revision never overwrites a newer one. */
  async project(fireTimes: readonly SchedulerFireTime[], checkpoint: GlobalPosition): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const fireTime of fireTimes) await this.upsert(manager, fireTime);
      await manager.query(
        `INSERT INTO ${this.checkpointTable} (id, position) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET position = GREATEST(${this.checkpointTable}.position, EXCLUDED.position)`,
        [checkpoint.toString()],
      );
    });
  }

  async find(schedulerId: string): Promise<SchedulerFireTime | null> {
    const [row] = await this.dataSource.query<
      { scheduler_id: string; status: string; next_fire_time: unknown; revision: string }[]
    >(
      `SELECT scheduler_id, status, next_fire_time, revision::text AS revision FROM ${this.table}
        WHERE scheduler_id = $1`,
      [schedulerId],
    );
    if (row === undefined) return null;
    return {
      schedulerId: row.scheduler_id,
      status: row.status,
      nextFireTime: toInstant(row.next_fire_time),
      revision: BigInt(row.revision),
    };
  }

  /** Schedulers whose next fire time has come, earliest first. */
  async due(now: Instant, limit = 100): Promise<readonly string[]> {
    const rows = await this.dataSource.query<{ scheduler_id: string }[]>(
      `SELECT scheduler_id FROM ${this.table} WHERE next_fire_time <= $1 ORDER BY next_fire_time LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.scheduler_id);
  }

  /**
   * Runs `work` in a transaction holding the scheduler's advisory lock, or returns null at once when
   * another replica holds it. The lock is released with the transaction.
   */
  withLock<Result>(
    schedulerId: string,
    work: (locked: LockedScheduler) => Promise<Result>,
  ): Promise<Result | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
        [`${SCHEDULER_FIRE_TIMES_TABLE}:${schedulerId}`],
      );
      if (lock?.locked !== true) return null;
      return work({
        nextFireTime: async () => {
          const [row] = await manager.query<{ next_fire_time: unknown }[]>(
            `SELECT next_fire_time FROM ${this.table} WHERE scheduler_id = $1`,
            [schedulerId],
          );
          return toInstant(row?.next_fire_time);
        },
        save: (fireTime) => this.upsert(manager, fireTime),
      });
    });
  }

  private async upsert(manager: EntityManager, fireTime: SchedulerFireTime): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (scheduler_id, status, next_fire_time, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scheduler_id) DO UPDATE
         SET status = EXCLUDED.status, next_fire_time = EXCLUDED.next_fire_time, revision = EXCLUDED.revision
       WHERE ${this.table}.revision <= EXCLUDED.revision`,
      [fireTime.schedulerId, fireTime.status, fireTime.nextFireTime, fireTime.revision.toString()],
    );
  }
}

import {
  groupChunkKey,
  outcomeFingerprint,
  type GroupOutcome,
  type SequencedGroupOutcome,
} from '@invoice-engine/invoice-batch-runs';
import { reviveBigInts, tagBigInts } from '@invoice-engine/kernel';
import { qualifiedTable, readModelSchemaOf } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import type { GroupOutcomeStore, StoredOutcome } from './group-outcome-store';

export const RUN_GROUP_OUTCOMES_TABLE = 'run_group_outcomes';

/** How often storing a batch is tried when another writer of the run got a number or a work item first. */
const STORE_ATTEMPTS = 5;

interface StoredRow {
  readonly grouping_key: string;
  readonly chunk_index: number;
  readonly outcome_fingerprint: string;
  readonly outcome_sequence: string | number;
  readonly inserted: boolean;
}

function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError;
  return (error as { code?: unknown } | null)?.code === '23505' || driverError?.code === '23505';
}

/**
 * `run_group_outcomes` in the read-model database (PostgreSQL or PGlite, through the TypeORM data
 * source the runtime binds to `READ_MODEL_DATA_SOURCE`). It is the summarization service's private
 * table, not a dashboard contract, so it is created with `CREATE TABLE IF NOT EXISTS` at start rather
 * than by a read-model migration.
 *
 * `outcome_sequence` numbers a run's outcomes 1, 2, 3… (unique per run), so a number n + 1 is only
 * ever given once n is committed and visible: numbers are dense and in commit order even when two
 * consumers overlap during a rebalance.
 */
export class PostgresGroupOutcomeStore implements GroupOutcomeStore {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(readModelSchemaOf(dataSource), RUN_GROUP_OUTCOMES_TABLE);
  }

  async migrate(): Promise<void> {
    const schema = readModelSchemaOf(this.dataSource);
    await this.dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS ${this.table} (
         run_id text NOT NULL,
         grouping_key text NOT NULL,
         chunk_index integer NOT NULL,
         outcome_fingerprint text NOT NULL,
         outcome jsonb NOT NULL,
         checkpointed boolean NOT NULL DEFAULT false,
         stored_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (run_id, chunk_index, grouping_key)
       )`,
    );
    await this.dataSource.query(
      `ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS outcome_sequence integer`,
    );
    // Rows from before the numbering: the outcomes a checkpoint counted come first, so a version 1
    // checkpoint's groupsCompleted (how many it counted) is where its run's fold resumes.
    await this.dataSource.query(
      `UPDATE ${this.table} o SET outcome_sequence = numbered.sequence
         FROM (SELECT run_id, chunk_index, grouping_key,
                      row_number() OVER (PARTITION BY run_id
                                         ORDER BY checkpointed DESC, stored_at, chunk_index, grouping_key) AS sequence
                 FROM ${this.table} WHERE outcome_sequence IS NULL) numbered
        WHERE o.outcome_sequence IS NULL AND o.run_id = numbered.run_id
          AND o.chunk_index = numbered.chunk_index AND o.grouping_key = numbered.grouping_key`,
    );
    await this.dataSource.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS run_group_outcomes_sequence ON ${this.table} (run_id, outcome_sequence)`,
    );
    await this.dataSource.query(`DROP INDEX IF EXISTS run_group_outcomes_uncheckpointed`);
  }

  async store(runId: string, outcomes: readonly GroupOutcome[]): Promise<readonly StoredOutcome[]> {
    if (outcomes.some((outcome) => outcome.runId !== runId)) {
      throw new Error(`a batch of outcomes for run ${runId} holds another run's outcome`);
    }
    if (outcomes.length === 0) return [];
    const fingerprints = outcomes.map(outcomeFingerprint);
    const rows = await this.storeNumbered(runId, outcomes, fingerprints);
    const stored = new Map(rows.map((row) => [groupChunkKey(rowKey(row)), row]));
    const seen = new Set<string>();
    return outcomes.map((outcome, index): StoredOutcome => {
      const key = groupChunkKey(outcome);
      const row = stored.get(key);
      if (row === undefined) throw new Error(`outcome ${key} of run ${runId} was not stored`);
      const sequence = Number(row.outcome_sequence);
      const recorded = row.inserted && !seen.has(key);
      seen.add(key);
      if (recorded) return { storage: 'Recorded', sequence };
      const storage = row.outcome_fingerprint === fingerprints[index] ? 'Duplicate' : 'Conflicting';
      return { storage, sequence };
    });
  }

  /**
   * One statement: inserts the work items not stored yet, numbered after the run's last number in
   * batch order, and returns every work item's stored row. Two writers of one run that overlap meet
   * the unique index (a number or a work item taken since the statement began) and the loser runs the
   * statement again, so numbers stay dense and given in commit order.
   */
  private async storeNumbered(
    runId: string,
    outcomes: readonly GroupOutcome[],
    fingerprints: readonly string[],
  ): Promise<readonly StoredRow[]> {
    const items = outcomes.map((outcome, index) => ({
      groupingKey: outcome.groupingKey,
      chunkIndex: outcome.chunkIndex,
      fingerprint: fingerprints[index],
      outcome: tagBigInts(outcome),
    }));
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.query<StoredRow[]>(this.storeStatement, [runId, JSON.stringify(items)]);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= STORE_ATTEMPTS) throw error;
      }
    }
  }

  private get storeStatement(): string {
    return `WITH incoming AS (
         SELECT DISTINCT ON (item->>'chunkIndex', item->>'groupingKey')
                item->>'groupingKey' AS grouping_key, (item->>'chunkIndex')::integer AS chunk_index,
                item->>'fingerprint' AS outcome_fingerprint, item->'outcome' AS outcome, position
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS batch(item, position)
          ORDER BY item->>'chunkIndex', item->>'groupingKey', position
       ), existing AS (
         -- One primary-key lookup per incoming work item, never a scan of the run's rows: OFFSET 0
         -- keeps the planner from turning the lookup into a join over the whole run.
         SELECT o.grouping_key, o.chunk_index, o.outcome_fingerprint, o.outcome_sequence
           FROM incoming CROSS JOIN LATERAL (
                  SELECT * FROM ${this.table} stored
                   WHERE stored.run_id = $1 AND stored.chunk_index = incoming.chunk_index
                     AND stored.grouping_key = incoming.grouping_key OFFSET 0) o
       ), last AS (
         SELECT coalesce(max(outcome_sequence), 0) AS sequence FROM ${this.table} WHERE run_id = $1
       ), inserted AS (
         INSERT INTO ${this.table}
                (run_id, grouping_key, chunk_index, outcome_fingerprint, outcome, outcome_sequence)
         SELECT $1, incoming.grouping_key, incoming.chunk_index, incoming.outcome_fingerprint, incoming.outcome,
                last.sequence + row_number() OVER (ORDER BY incoming.position)
           FROM incoming CROSS JOIN last
          WHERE NOT EXISTS (SELECT 1 FROM existing
                             WHERE existing.chunk_index = incoming.chunk_index
                               AND existing.grouping_key = incoming.grouping_key)
         RETURNING grouping_key, chunk_index, outcome_fingerprint, outcome_sequence
       )
       SELECT inserted.*, true AS inserted FROM inserted
       UNION ALL
       SELECT existing.*, false AS inserted FROM existing`;
  }

  async storedAfter(runId: string, after: number): Promise<readonly SequencedGroupOutcome[]> {
    const rows = await this.dataSource.query<{ outcome: unknown; outcome_sequence: string | number }[]>(
      `SELECT outcome, outcome_sequence FROM ${this.table}
        WHERE run_id = $1 AND outcome_sequence > $2
        ORDER BY outcome_sequence`,
      [runId, after],
    );
    return rows.map((row) => ({
      sequence: Number(row.outcome_sequence),
      outcome: reviveBigInts(
        typeof row.outcome === 'string' ? JSON.parse(row.outcome) : row.outcome,
      ) as GroupOutcome,
    }));
  }
}

function rowKey(row: StoredRow): { readonly groupingKey: string; readonly chunkIndex: number } {
  return { groupingKey: row.grouping_key, chunkIndex: Number(row.chunk_index) };
}

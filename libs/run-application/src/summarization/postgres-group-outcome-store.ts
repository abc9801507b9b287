import { outcomeFingerprint, type GroupOutcome } from '@invoice-engine/invoice-batch-runs';
import { reviveBigInts, tagBigInts } from '@invoice-engine/kernel';
import { qualifiedTable, readModelSchemaOf } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import type { GroupOutcomeStore, OutcomeStorage, WorkItemKey } from './group-outcome-store';

export const RUN_GROUP_OUTCOMES_TABLE = 'run_group_outcomes';

/**
 * `run_group_outcomes` in the read-model database (PostgreSQL or PGlite, through the TypeORM data
 * source the runtime binds to `READ_MODEL_DATA_SOURCE`). It is the summarization service's private
 * table, not a dashboard contract, so it is created with `CREATE TABLE IF NOT EXISTS` at start rather
 * than by a read-model migration.
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
      `CREATE INDEX IF NOT EXISTS run_group_outcomes_uncheckpointed
         ON ${this.table} (run_id) WHERE NOT checkpointed`,
    );
  }

  async store(outcome: GroupOutcome): Promise<OutcomeStorage> {
    const fingerprint = outcomeFingerprint(outcome);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO ${this.table} (run_id, grouping_key, chunk_index, outcome_fingerprint, outcome)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (run_id, chunk_index, grouping_key) DO NOTHING
       RETURNING run_id`,
      [
        outcome.runId,
        outcome.groupingKey,
        outcome.chunkIndex,
        fingerprint,
        JSON.stringify(tagBigInts(outcome)),
      ],
    );
    if (inserted.length > 0) return 'Recorded';
    const [stored] = await this.dataSource.query<{ outcome_fingerprint: string }[]>(
      `SELECT outcome_fingerprint FROM ${this.table}
        WHERE run_id = $1 AND chunk_index = $2 AND grouping_key = $3`,
      [outcome.runId, outcome.chunkIndex, outcome.groupingKey],
    );
    return stored?.outcome_fingerprint === fingerprint ? 'Duplicate' : 'Conflicting';
  }

  async uncheckpointed(runId: string): Promise<readonly GroupOutcome[]> {
    const rows = await this.dataSource.query<{ outcome: unknown }[]>(
      `SELECT outcome FROM ${this.table} WHERE run_id = $1 AND NOT checkpointed
        ORDER BY chunk_index, grouping_key`,
      [runId],
    );
    return rows.map(
      (row) =>
        reviveBigInts(
          typeof row.outcome === 'string' ? JSON.parse(row.outcome) : row.outcome,
        ) as GroupOutcome,
    );
  }

  async markCheckpointed(runId: string, workItems: readonly WorkItemKey[]): Promise<void> {
    if (workItems.length === 0) return;
    await this.dataSource.query(
      `UPDATE ${this.table} o SET checkpointed = true
         FROM unnest($2::text[], $3::int[]) AS item(grouping_key, chunk_index)
        WHERE o.run_id = $1 AND o.grouping_key = item.grouping_key AND o.chunk_index = item.chunk_index`,
      [runId, workItems.map((item) => item.groupingKey), workItems.map((item) => item.chunkIndex)],
    );
  }
}

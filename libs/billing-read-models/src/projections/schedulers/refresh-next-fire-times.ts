import type { Instant } from '@invoice-engine/kernel';
import { qualifiedTable, readModelSchemaOf } from '@invoice-engine/read-models';
import type { SchedulerDefinition, SchedulerStatus } from '@invoice-engine/scheduling';
import type { DataSource } from 'typeorm';
import { instantText } from '../../sql/instant-sql';
import { schedulersTable } from './invoice-batch-schedulers.projection';
import { nextFireTimeOf } from './scheduler-next-fire-time';

interface StaleScheduler {
  readonly scheduler_id: string;
  readonly status: SchedulerStatus;
  readonly definition: SchedulerDefinition;
  readonly last_fire_time: Instant | null;
  readonly status_changed_at: Instant;
  readonly last_position: string;
}

/**
 * Computes `next_fire_time` for every scheduler whose row changed since it was last computed
 * (`next_fire_time_position` behind `last_position`). Idempotent and safe to run from several
 * projector replicas: an update applies only if the row is still at the position it was computed
 * for. Returns how many rows were updated.
 */
export async function refreshNextFireTimes(dataSource: DataSource): Promise<number> {
  const table = qualifiedTable(readModelSchemaOf(dataSource), schedulersTable);
  const stale = await dataSource.query<StaleScheduler[]>(
    `SELECT scheduler_id, status, definition, ${instantText('last_fire_time')} AS last_fire_time,
            ${instantText('status_changed_at')} AS status_changed_at, last_position::text AS last_position
       FROM ${table} WHERE next_fire_time_position IS DISTINCT FROM last_position`,
  );
  let updated = 0;
  for (const row of stale) {
    const next = nextFireTimeOf({
      schedulerId: row.scheduler_id,
      status: row.status,
      definition: row.definition,
      lastFireTime: row.last_fire_time,
      statusChangedAt: row.status_changed_at,
    });
    const result = await dataSource.query<unknown[]>(
      `UPDATE ${table} SET next_fire_time = $2, next_fire_time_position = last_position
        WHERE scheduler_id = $1 AND last_position = $3 RETURNING scheduler_id`,
      [row.scheduler_id, next, row.last_position],
    );
    updated += result.length;
  }
  return updated;
}

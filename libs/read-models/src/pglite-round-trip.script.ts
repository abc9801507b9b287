// Opens an embedded (PGlite) read-model data source, applies a projection batch twice and prints
// the rows, the checkpoint and the applied migrations as JSON. It runs in a child process of
// `read-model-data-source.pglite.int.spec.ts` because PGlite loads parts of itself with a dynamic
// `import()`, which Jest's CommonJS sandbox refuses.
import 'reflect-metadata';
import { readModelMigrations } from './migrations/read-model-migrations';
import { openReadModelDataSource } from './read-model-data-source';
import { applyProjectionBatch } from './runner/apply-projection-batch';
import { RecordedEventLog } from './runner/recorded-event-log.fixture';
import {
  CreateStreamActivity1767225700000,
  ProbeEventType,
  streamActivityProjection,
} from './runner/stream-activity.projection.fixture';

async function roundTrip(): Promise<void> {
  const dataSource = await openReadModelDataSource(
    { kind: 'pglite', dataDirectory: null, schema: 'read_models' },
    { migrations: [...readModelMigrations, CreateStreamActivity1767225700000], entities: [] },
  );
  try {
    const log = new RecordedEventLog();
    log.record('invoice-1', ProbeEventType.Opened);
    log.record('invoice-1', ProbeEventType.Touched);
    const batch = { events: log.recorded, checkpoint: log.lastPosition };
    const applied = [
      await applyProjectionBatch(dataSource, streamActivityProjection, batch),
      await applyProjectionBatch(dataSource, streamActivityProjection, batch),
    ].map((outcome) => ({ ...outcome, checkpoint: outcome.checkpoint.toString() }));
    const rows = await dataSource.query<unknown[]>(
      'SELECT stream_id, last_event_type, last_position::text FROM read_models.stream_activity',
    );
    const checkpoints = await dataSource.query<unknown[]>(
      'SELECT projection_name, position::text FROM read_models.projection_checkpoints',
    );
    const migrations = await dataSource.query<unknown[]>(
      'SELECT name FROM read_models.read_model_migrations ORDER BY id',
    );
    process.stdout.write(JSON.stringify({ applied, rows, checkpoints, migrations }));
  } finally {
    await dataSource.destroy();
  }
}

roundTrip().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});

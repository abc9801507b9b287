// Opens an embedded (PGlite) read-model data source, stores a checkpoint and prints what it reads
// back as JSON. It runs in a child process of `read-model-data-source.pglite.int.spec.ts` because
// PGlite loads parts of itself with a dynamic `import()`, which Jest's CommonJS sandbox refuses.
import 'reflect-metadata';
import { openReadModelDataSource } from './read-model-data-source';

async function roundTrip(): Promise<void> {
  const dataSource = await openReadModelDataSource({
    kind: 'pglite',
    dataDirectory: null,
    schema: 'read_models',
  });
  try {
    await dataSource.query(
      'INSERT INTO read_models.projection_checkpoints (projection_name, position) VALUES ($1, $2)',
      ['probe', '18446744073709551615'],
    );
    const rows = await dataSource.query<unknown[]>(
      'SELECT projection_name, position FROM read_models.projection_checkpoints',
    );
    const migrations = await dataSource.query<unknown[]>(
      'SELECT name FROM read_models.read_model_migrations',
    );
    process.stdout.write(JSON.stringify({ rows, migrations }));
  } finally {
    await dataSource.destroy();
  }
}

roundTrip().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});

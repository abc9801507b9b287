import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { ReadModelDatabaseOptions } from './read-model-database-options';
import { readModelMigrations, type ReadModelMigration } from './migrations/read-model-migrations';
import { quoteIdentifier } from './sql-identifier';

/** What a context adds to the read-model database: its migration classes and, if it reads with them, entities. */
export interface ReadModelDataSourceParts {
  readonly migrations: readonly ReadModelMigration[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  readonly entities: MixedList<Function | string | EntitySchema>;
}

const libraryParts: ReadModelDataSourceParts = { migrations: readModelMigrations, entities: [] };

/** The table TypeORM records applied migrations in, inside the read-model schema. */
export const readModelMigrationsTable = 'read_model_migrations';

/**
 * Builds (does not connect) a TypeORM data source for the read models. Schema changes happen only
 * through migration classes: `synchronize` stays off so a table's columns, a public contract for
 * dashboards, never change behind anyone's back.
 */
export function createReadModelDataSource(
  options: ReadModelDatabaseOptions,
  parts: ReadModelDataSourceParts = libraryParts,
): DataSource {
  const common = {
    type: 'postgres' as const,
    schema: options.schema,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: readModelMigrationsTable,
    migrationsTransactionMode: 'each' as const,
    migrations: [...parts.migrations],
    entities: parts.entities,
    // Positions and counts are bigint in code; let `pg` hand int8 back as a string rather than a lossy number.
    parseInt8: false,
  };
  switch (options.kind) {
    case 'postgres':
      return new DataSource({ ...common, url: options.url, poolSize: options.poolSize });
    case 'pglite':
      return new DataSource({
        ...common,
        driver: new PGliteDriver(options.dataDirectory === null ? {} : { dataDir: options.dataDirectory })
          .driver,
      });
  }
}

/**
 * Connects, creates the schema if it is missing and applies pending migrations, holding an advisory
 * lock so that replicas starting together do not race each other through the same migration.
 */
export async function openReadModelDataSource(
  options: ReadModelDatabaseOptions,
  parts: ReadModelDataSourceParts = libraryParts,
): Promise<DataSource> {
  const dataSource = await createReadModelDataSource(options, parts).initialize();
  try {
    await migrateReadModels(dataSource, options.schema);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

async function migrateReadModels(dataSource: DataSource, schema: string): Promise<void> {
  const session = dataSource.createQueryRunner();
  const lockKey = `read-model-migrations:${schema}`;
  try {
    await session.connect();
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      await session.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    await session.release();
  }
}

/** The schema a read-model data source writes to (the one it was built with). */
export function readModelSchemaOf(dataSource: DataSource): string {
  return dataSource.driver.schema ?? 'public';
}

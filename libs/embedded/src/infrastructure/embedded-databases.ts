import { PGlite } from '@electric-sql/pglite';
import { PgliteConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { openReadModelDataSource, type ReadModelDataSourceParts } from '@invoice-engine/read-models';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';

export const eventStoreSchema = 'event_store';
export const readModelSchema = 'read_models';

/**
 * The event store's own PGlite database, migrated. It is NOT the read models' PGlite instance:
 * `typeorm-pglite` runs TypeORM transactions as plain BEGIN/COMMIT statements on PGlite's single
 * session, so an event-store append that failed while a projection batch was open rolled the batch's
 * rows back and let its checkpoint commit alone (see README, "Two PGlite databases").
 */
export async function openEmbeddedEventStore(
  dataDirectory: string | null,
): Promise<{ readonly database: PGlite; readonly eventStore: PostgresEventStore }> {
  const database = await PGlite.create(await databaseOptions(dataDirectory, 'event-store'));
  try {
    const eventStore = new PostgresEventStore(new PgliteConnection(database), { schema: eventStoreSchema });
    await eventStore.migrate();
    return { database, eventStore };
  } catch (error: unknown) {
    await database.close();
    throw error;
  }
}

/** The read models on the process-wide PGlite instance of `typeorm-pglite`, migrated. */
export async function openEmbeddedReadModels(
  dataDirectory: string | null,
  parts: ReadModelDataSourceParts | undefined,
): Promise<DataSource> {
  const { dataDir } = await databaseOptions(dataDirectory, 'read-models');
  return openReadModelDataSource(
    { kind: 'pglite', dataDirectory: dataDir ?? null, schema: readModelSchema },
    ...(parts === undefined ? [] : [parts]),
  );
}

async function databaseOptions(dataDirectory: string | null, name: string): Promise<{ dataDir?: string }> {
  if (dataDirectory === null) {
    return {};
  }
  const dataDir = path.join(dataDirectory, name);
  await mkdir(dataDir, { recursive: true });
  return { dataDir };
}

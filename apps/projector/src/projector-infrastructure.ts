import { billingReadModelParts } from '@invoice-engine/billing-read-models';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { openReadModelDataSource } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import type { ProjectorConfiguration } from './projector.configuration';

/** The adapters the projector reads from and writes to; the event store needs no Kafka. */
export interface ProjectorInfrastructure {
  readonly eventStore: PostgresEventStore;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export async function openProjectorInfrastructure(
  configuration: ProjectorConfiguration,
): Promise<ProjectorInfrastructure> {
  const eventStore = new PostgresEventStore(
    PgPoolConnection.open({
      connectionString: configuration.DATABASE_URL,
      max: configuration.DATABASE_POOL_SIZE,
    }),
    { schema: configuration.EVENT_STORE_SCHEMA, closeConnection: true },
  );
  await eventStore.migrate();
  const dataSource = await openReadModelDataSource(
    {
      kind: 'postgres',
      url: configuration.DATABASE_URL,
      schema: configuration.READ_MODEL_SCHEMA,
      poolSize: configuration.DATABASE_POOL_SIZE,
    },
    billingReadModelParts,
  );
  return {
    eventStore,
    dataSource,
    async close() {
      await eventStore.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

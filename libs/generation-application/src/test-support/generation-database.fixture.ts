import { afterAll, beforeAll } from '@jest/globals';
import { PostgresInvoiceNumberAllocator } from '../invoice-numbers/postgres-invoice-number-allocator';
import { openTestEventStore, type TestEventStore } from './postgres-event-store.fixture';

/** The real event store and invoice number tables of one spec file, set once its `beforeAll` ran. */
export interface GenerationDatabase {
  database: TestEventStore;
  numbers: PostgresInvoiceNumberAllocator;
}

/**
 * Opens the event store (a schema of its own) and migrates the invoice number tables before the
 * spec file's tests, and drops the schema after them. Call it at the top level of a spec file.
 */
export function useGenerationDatabase(prefix: string): GenerationDatabase {
  const opened = {} as GenerationDatabase;
  beforeAll(async () => {
    opened.database = await openTestEventStore(prefix);
    opened.numbers = new PostgresInvoiceNumberAllocator(opened.database.connection, opened.database.schema);
    await opened.numbers.migrate();
  });
  afterAll(async () => {
    await opened.database.dispose();
  });
  return opened;
}

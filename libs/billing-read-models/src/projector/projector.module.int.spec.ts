import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamName, StreamCategory } from '@invoice-engine/kernel';
import { readProjectionCheckpoint, resetProjection } from '@invoice-engine/read-models';
import { EVENT_STORE, READ_MODEL_DATA_SOURCE } from '@invoice-engine/runtime';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { EntityManager } from 'typeorm';
import { billingProjections } from '../projections/billing-projections';
import { invoicesProjection } from '../projections/invoices/invoices.projection';
import { scheduleHistory, scheduleOf, scheduleTerms } from '../testing/billing-schedule.fixture';
import { invoiceFor, postedInvoiceHistory } from '../testing/invoice.fixture';
import {
  appendHistory,
  openTestDatabases,
  tableContents,
  type TestDatabases,
} from '../testing/postgres.fixture';
import { BillingProjector, DEFAULT_PROJECTOR_OPTIONS } from './billing-projector';
import { ProjectorModule } from './projector.module';
import { rebuildBillingProjection } from './rebuild-billing-projection';

let databases: TestDatabases;
let app: INestApplicationContext;
let lastInvoiceEvent = 0n;

const created = scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-1' }) });
const invoice = invoiceFor(scheduleOf(created), 'run-1', '2026-03-01');

beforeAll(async () => {
  databases = await openTestDatabases('brm_projector');
  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: databases.store },
      { provide: READ_MODEL_DATA_SOURCE, useValue: databases.dataSource },
    ],
    exports: [EVENT_STORE, READ_MODEL_DATA_SOURCE],
  })
  class TestInfrastructure {}
  const moduleRef = await Test.createTestingModule({
    imports: [TestInfrastructure, ProjectorModule.forRoot({ batchSize: 3, restartDelayMs: 100 })],
  }).compile();
  app = await moduleRef.init();
});

afterAll(async () => {
  await app.close();
  await databases.close();
});

async function checkpointReaches(projectionName: string, position: bigint): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const status = app
      .get(BillingProjector)
      .status()
      .find((candidate) => candidate.name === projectionName);
    if (BigInt(status?.checkpoint ?? '0') >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${projectionName} did not reach ${position}`);
}

describe('the projector module', () => {
  it('runs every projection from its checkpoint as events arrive', async () => {
    const posted = await appendHistory(
      databases.store,
      streamName(StreamCategory.Invoice, invoice.invoiceId),
      postedInvoiceHistory(invoice),
    );
    const head = await appendHistory(
      databases.store,
      streamName(StreamCategory.BillingSchedule, 'bs-1'),
      created,
    );
    lastInvoiceEvent = posted;
    await checkpointReaches('invoices', posted);
    await checkpointReaches('billing-schedules', head);

    const rows = await databases.dataSource.query<{ status: string }[]>(
      `SELECT status FROM "${databases.readModelSchema}".invoices`,
    );
    expect(rows).toEqual([{ status: 'Posted' }]);
    expect(
      app
        .get(BillingProjector)
        .status()
        .map((status) => [status.name, status.running]),
    ).toEqual(billingProjections.map((projection) => [projection.name, true]));
  });

  it('rebuilds a projection to the same rows', async () => {
    const { dataSource, readModelSchema, store } = databases;
    const before = await tableContents(dataSource, readModelSchema, invoicesProjection.tables);
    await app.get(BillingProjector).stop();

    const reached = await rebuildBillingProjection(dataSource, store, invoicesProjection, {
      batchSize: 2,
      idleMs: 3_000,
    });

    // A batch's checkpoint may run past its last event (up to the store's visibility horizon), so the
    // replay's checkpoint is only known to cover the last invoice event.
    expect(reached).toBeGreaterThanOrEqual(lastInvoiceEvent);
    expect(await readProjectionCheckpoint(dataSource.manager, readModelSchema, invoicesProjection.name)).toBe(
      reached,
    );
    expect(await tableContents(dataSource, readModelSchema, invoicesProjection.tables)).toEqual(before);
  });
});

describe('a projector that applies one batch at a time (embedded mode on PGlite)', () => {
  it('never runs two read-model transactions at once, and projects the same rows', async () => {
    const { dataSource, readModelSchema, store } = databases;
    let open = 0;
    let mostOpen = 0;
    const counting = new Proxy(dataSource, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return async (work: (manager: EntityManager) => Promise<unknown>) => {
          open += 1;
          mostOpen = Math.max(mostOpen, open);
          try {
            return await target.transaction(work);
          } finally {
            open -= 1;
          }
        };
      },
    });
    const before = await tableContents(dataSource, readModelSchema, invoicesProjection.tables);
    await dataSource.query(`DELETE FROM "${readModelSchema}".projection_checkpoints`);
    await resetProjection(dataSource, invoicesProjection);
    const projector = new BillingProjector(counting, store, {
      ...DEFAULT_PROJECTOR_OPTIONS,
      batchSize: 1,
      oneBatchAtATime: true,
    });

    await projector.start();
    try {
      const deadline = Date.now() + 10_000;
      const invoicesAt = () =>
        BigInt(projector.status().find((status) => status.name === 'invoices')?.checkpoint ?? '0');
      while (invoicesAt() < lastInvoiceEvent && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await projector.stop();
    }

    expect(mostOpen).toBe(1);
    expect(await tableContents(dataSource, readModelSchema, invoicesProjection.tables)).toEqual(before);
  });
});

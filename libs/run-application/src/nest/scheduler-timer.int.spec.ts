import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics } from '@invoice-engine/contracts';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { currencyCode, instant } from '@invoice-engine/kernel';
import { createReadModelDataSource } from '@invoice-engine/read-models';
import { SettableClock } from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import { invoiceBatchSchedulerStream } from '../scheduling/invoice-batch-scheduler-stream';
import {
  openPipelineTestDatabase,
  TEST_DATABASE_URL,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { TestInfrastructureModule } from '../test-support/test-infrastructure.module.fixture';
import { SchedulingModule } from './scheduling.module';

const TOKEN = 'operator-secret';

/** One scheduling service instance: its own Nest app, connections, clock and publisher. */
interface Instance {
  readonly app: INestApplication;
  readonly url: string;
  readonly clock: SettableClock;
  readonly publisher: RecordingPublisher;
  readonly dataSource: DataSource;
  readonly eventStore: PostgresEventStore;
}

let database: PipelineTestDatabase;
let instances: Instance[];

async function startInstance(): Promise<Instance> {
  const eventStore = new PostgresEventStore(
    PgPoolConnection.open({ connectionString: TEST_DATABASE_URL, max: 4 }),
    {
      schema: database.eventStoreSchema,
      closeConnection: true,
      pollIntervalMs: 50,
    },
  );
  const dataSource = await createReadModelDataSource({
    kind: 'postgres',
    url: TEST_DATABASE_URL,
    schema: database.readModelSchema,
    poolSize: 4,
  }).initialize();
  const clock = new SettableClock(instant('2026-03-01T05:00:00.000Z'));
  const publisher = new RecordingPublisher();
  const moduleRef = await Test.createTestingModule({
    imports: [
      TestInfrastructureModule.forPorts({ eventStore, publisher, clock, dataSource }),
      SchedulingModule.register({
        org: { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 },
        apiTokens: [{ caller: 'ops', token: TOKEN, roles: ['billing-operator'] }],
        timerEnabled: true,
        timerIntervalMs: 30,
        producer: 'scheduling',
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
  return {
    app,
    url,
    clock,
    publisher,
    dataSource,
    eventStore,
  };
}

beforeAll(async () => {
  database = await openPipelineTestDatabase('scheduler_replicas');
  instances = [await startInstance(), await startInstance()];
});

afterAll(async () => {
  for (const instance of instances) {
    await instance.app.close();
    await instance.eventStore.close();
    await instance.dataSource.destroy();
  }
  await database.close();
});

async function post(url: string, body?: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.status;
}

async function firedEvents() {
  return (await database.eventStore.readStream(invoiceBatchSchedulerStream('sched-replicated'))).filter(
    (event) => event.type === 'InvoiceBatchSchedulerFired',
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two scheduling service instances on one database', () => {
  it('fire a due scheduler exactly once', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('two instances expected');
    expect(
      await post(`${first.url}/schedulers`, {
        schedulerId: 'sched-replicated',
        name: 'Daily at six',
        frequency: 'Daily',
        startDate: '2026-01-01',
        preferredTime: '06:00',
        timeZone: 'UTC',
        invoiceStatus: 'Draft',
        targetDate: { kind: 'OffsetFromRunDate', days: 0 },
        invoiceDate: { kind: 'OffsetFromTargetDate', days: 0 },
      }),
    ).toBe(201);
    expect(await post(`${second.url}/schedulers/sched-replicated/activate`)).toBe(200);
    await sleep(500); // both timers tick many times before the fire time: nothing fires
    expect(await firedEvents()).toHaveLength(0);

    for (const instance of instances) instance.clock.set(instant('2026-03-01T06:00:00.500Z'));
    const deadline = Date.now() + 15_000;
    while ((await firedEvents()).length === 0 && Date.now() < deadline) await sleep(50);
    await sleep(1000); // many more ticks on both instances

    expect(await firedEvents()).toHaveLength(1);
    const announced = instances.flatMap((instance) => instance.publisher.on(Topics.InvoiceBatchRuns));
    expect(announced).toHaveLength(1);
    expect(announced[0]?.envelope.data).toMatchObject({
      trigger: { type: 'Scheduler', schedulerId: 'sched-replicated' },
    });
  });
});

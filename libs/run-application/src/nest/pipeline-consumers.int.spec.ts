import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Topics } from '@invoice-engine/contracts';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { instant } from '@invoice-engine/kernel';
import { InvalidMessageError } from '@invoice-engine/messaging';
import { SettableClock } from '@invoice-engine/runtime';
import { loadInvoiceBatchRun } from '../streams/invoice-batch-run-stream';
import { InMemoryBillingScheduleSource } from '../test-support/in-memory-billing-schedule-source.fixture';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { requestedRun } from '../test-support/requested-run.fixture';
import { TestInfrastructureModule } from '../test-support/test-infrastructure.module.fixture';
import { BILLING_SCHEDULE_SOURCE } from './billing-schedule-source.token';
import { FilteringConsumer, FilteringModule } from './filtering.module';
import { SummarizationConsumer, SummarizationModule } from './summarization.module';

@Global()
@Module({
  providers: [{ provide: BILLING_SCHEDULE_SOURCE, useValue: new InMemoryBillingScheduleSource([]) }],
  exports: [BILLING_SCHEDULE_SOURCE],
})
class EmptyScheduleSourceModule {}

let database: PipelineTestDatabase;
let moduleRef: TestingModule;
const publisher = new RecordingPublisher();
const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));

beforeAll(async () => {
  database = await openPipelineTestDatabase('consumers');
  moduleRef = await Test.createTestingModule({
    imports: [
      TestInfrastructureModule.forPorts({
        eventStore: database.eventStore,
        publisher,
        clock,
        dataSource: database.dataSource,
      }),
      EmptyScheduleSourceModule,
      FilteringModule.register({ progressEverySchedules: 10 }),
      SummarizationModule.register({ checkpointEveryGroups: 10 }),
    ],
  }).compile();
  await moduleRef.init();
});

afterAll(async () => {
  await moduleRef.close();
  await database.close();
});

describe('the filtering and summarization consumers', () => {
  it('carry an empty run from its request to Completed through the messages they exchange', async () => {
    const runId = randomUUID();
    const request = await requestedRun(database.eventStore, clock, runId);
    await moduleRef.get(FilteringConsumer).onRunRequested(request);
    const notice = publisher.on(Topics.GroupResults).find((message) => message.key === runId);
    if (notice === undefined) throw new Error('no filtering notice');
    await moduleRef.get(SummarizationConsumer).onGroupResult(notice.envelope);
    expect((await loadInvoiceBatchRun(database.eventStore, runId)).state.status).toBe('Completed');
  });

  it('take a partition batch of group results as a list of envelopes', async () => {
    const runId = randomUUID();
    await moduleRef
      .get(FilteringConsumer)
      .onRunRequested(await requestedRun(database.eventStore, clock, runId));
    const notice = publisher.on(Topics.GroupResults).find((message) => message.key === runId);
    if (notice === undefined) throw new Error('no filtering notice');
    await moduleRef.get(SummarizationConsumer).onGroupResult([notice.envelope, notice.envelope]);
    expect((await loadInvoiceBatchRun(database.eventStore, runId)).state.status).toBe('Completed');
  });

  it('reject an invalid message with every problem, for the dead-letter topic', async () => {
    const envelope = {
      messageId: randomUUID(),
      type: 'FilteringCompleted',
      schemaVersion: 1,
      data: { runId: '', groupsExpected: -1 },
      metadata: {
        correlationId: 'c',
        causationId: 'c',
        groupingKey: null,
        runId: null,
        occurredAt: '2026-03-01T06:00:00.000Z',
        producer: 'test',
      },
    } as EventEnvelope;
    const rejected = moduleRef.get(SummarizationConsumer).onGroupResult(envelope);
    await expect(rejected).rejects.toThrow(InvalidMessageError);
    await expect(rejected).rejects.toThrow(/data\.runId[\s\S]*data\.groupsExpected/);
  });
});

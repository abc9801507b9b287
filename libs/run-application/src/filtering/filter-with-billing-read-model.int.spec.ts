import { randomUUID } from 'node:crypto';
import {
  billingReadModelParts,
  billingSchedulesProjection,
  PostgresBillingScheduleSource,
} from '@invoice-engine/billing-read-models';
import { billingScheduleDecider, type BillingScheduleTerms } from '@invoice-engine/billing-schedules';
import { Topics } from '@invoice-engine/contracts';
import type { EventSubscription } from '@invoice-engine/event-store';
import { calendarDate, instant, StreamCategory, streamName } from '@invoice-engine/kernel';
import { openReadModelDataSource, startProjection } from '@invoice-engine/read-models';
import { SettableClock } from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import { eventsToAppend } from '../streams/event-envelopes';
import { loadInvoiceBatchRun } from '../streams/invoice-batch-run-stream';
import { scheduleTerms } from '../test-support/billing-schedules.fixture';
import {
  openPipelineTestDatabase,
  TEST_DATABASE_URL,
  uniqueSchema,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { requestedRun } from '../test-support/requested-run.fixture';
import { FilterBillingSchedules } from './filter-billing-schedules';
import { DEFAULT_FILTERING_SETTINGS } from './filtering-settings';

let database: PipelineTestDatabase;
let readModels: DataSource;
let projection: EventSubscription;
const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));

async function createSchedule(terms: BillingScheduleTerms): Promise<void> {
  const stream = streamName(StreamCategory.BillingSchedule, terms.id);
  const events = billingScheduleDecider.decide(
    { type: 'CreateBillingSchedule', terms },
    billingScheduleDecider.initialState(),
  );
  await database.eventStore.append(
    stream,
    eventsToAppend(stream, 0n, events, {
      causationId: `load-${terms.id}`,
      correlationId: terms.id,
      runId: null,
      groupingKey: null,
      occurredAt: clock.now(),
      producer: 'test',
    }),
    'no-stream',
  );
}

beforeAll(async () => {
  database = await openPipelineTestDatabase('filtering_read_model');
  readModels = await openReadModelDataSource(
    { kind: 'postgres', url: TEST_DATABASE_URL, schema: uniqueSchema('rm_billing'), poolSize: 4 },
    billingReadModelParts,
  );
  projection = await startProjection(readModels, database.eventStore, billingSchedulesProjection, {
    batchSize: 100,
    onApplied: () => undefined,
  });
});

afterAll(async () => {
  await projection.stop();
  await readModels.query(`DROP SCHEMA IF EXISTS "${readModels.driver.schema ?? 'public'}" CASCADE`);
  await readModels.destroy();
  await database.close();
});

describe('filtering over the billing_schedules read model', () => {
  it('waits for the schedules recorded before the request, then selects and groups them', async () => {
    await createSchedule(scheduleTerms({ id: 'rm-1', billingAccountId: 'acct-a' }));
    await createSchedule(scheduleTerms({ id: 'rm-2', billingAccountId: 'acct-a' }));
    await createSchedule(scheduleTerms({ id: 'rm-3', billingAccountId: 'acct-b', holdBilling: true }));
    await createSchedule(
      scheduleTerms({ id: 'rm-4', billingAccountId: 'acct-c', startDate: calendarDate('2026-06-01') }),
    );
    const runId = randomUUID();
    const publisher = new RecordingPublisher();
    const filtering = new FilterBillingSchedules(
      database.eventStore,
      new PostgresBillingScheduleSource(readModels, { pollIntervalMs: 20 }),
      publisher,
      clock,
      { ...DEFAULT_FILTERING_SETTINGS, catchUpTimeoutMs: 20_000 },
    );

    await filtering.handle(await requestedRun(database.eventStore, clock, runId));

    const run = await loadInvoiceBatchRun(database.eventStore, runId);
    if (run.state.status === 'NotRequested') throw new Error('no run');
    expect(run.state.run.filtering).toMatchObject({
      billingSchedulesScanned: 4,
      billingSchedulesSelected: 2,
      excludedByReason: { OnHold: 1, NotDue: 1 },
    });
    const items = publisher
      .on(Topics.GroupWork)
      .map((item) => item.envelope.data as { billingScheduleIds: string[] });
    expect(items.map((item) => item.billingScheduleIds)).toEqual([['rm-1', 'rm-2']]);
  });
});

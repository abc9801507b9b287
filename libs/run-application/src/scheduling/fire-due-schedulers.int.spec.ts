import { Topics } from '@invoice-engine/contracts';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { currencyCode, instant } from '@invoice-engine/kernel';
import { createReadModelDataSource } from '@invoice-engine/read-models';
import { SettableClock } from '@invoice-engine/runtime';
import { nightlySchedulerDefinition } from '@invoice-engine/scheduling';
import type { DataSource } from 'typeorm';
import { RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';
import { invoiceBatchRunStream } from '../streams/invoice-batch-run-stream';
import {
  openPipelineTestDatabase,
  TEST_DATABASE_URL,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { FireDueSchedulers } from './fire-due-schedulers';
import { HandleInvoiceBatchSchedulerCommand } from './handle-scheduler-command';
import { invoiceBatchSchedulerStream } from './invoice-batch-scheduler-stream';
import { SchedulerFireTimeIndex } from './scheduler-fire-time-index';
import { SchedulerFireTimeProjector } from './scheduler-fire-time-projector';

const org = { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 };

/** One scheduling service replica: its own connections, clock and publisher, the shared database. */
interface Replica {
  readonly clock: SettableClock;
  readonly publisher: RecordingPublisher;
  readonly timer: FireDueSchedulers;
  close(): Promise<void>;
}

let database: PipelineTestDatabase;
let replicas: Replica[];
let projector: SchedulerFireTimeProjector;
let index: SchedulerFireTimeIndex;

async function replica(): Promise<Replica> {
  const eventStore = new PostgresEventStore(
    PgPoolConnection.open({ connectionString: TEST_DATABASE_URL, max: 4 }),
    {
      schema: database.eventStoreSchema,
      closeConnection: true,
    },
  );
  const dataSource: DataSource = await createReadModelDataSource({
    kind: 'postgres',
    url: TEST_DATABASE_URL,
    schema: database.readModelSchema,
    poolSize: 4,
  }).initialize();
  const replicaIndex = new SchedulerFireTimeIndex(dataSource);
  await replicaIndex.migrate();
  const clock = new SettableClock(instant('2026-03-01T05:00:00.000Z'));
  const publisher = new RecordingPublisher();
  const requestRun = new RequestInvoiceBatchRun(eventStore, publisher, clock, org, () => 'never-used');
  return {
    clock,
    publisher,
    timer: new FireDueSchedulers(eventStore, replicaIndex, requestRun, clock),
    async close() {
      await eventStore.close();
      await dataSource.destroy();
    },
  };
}

beforeAll(async () => {
  database = await openPipelineTestDatabase('scheduler_timer');
  index = new SchedulerFireTimeIndex(database.dataSource);
  await index.migrate();
  replicas = [await replica(), await replica()];
  projector = new SchedulerFireTimeProjector(database.eventStore, index);
  await projector.start();
});

afterAll(async () => {
  await projector.stop();
  for (const each of replicas) await each.close();
  await database.close();
});

async function indexed(schedulerId: string, expectedNext: string | null): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const row = await index.find(schedulerId);
    if (row !== null && row.nextFireTime === expectedNext) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`scheduler ${schedulerId} was not indexed with ${expectedNext}`);
}

async function activeScheduler(
  schedulerId: string,
  definition = nightlySchedulerDefinition(),
): Promise<void> {
  const commands = new HandleInvoiceBatchSchedulerCommand(
    database.eventStore,
    new SettableClock(instant('2026-03-01T05:00:00.000Z')),
  );
  await commands.handle({ type: 'CreateInvoiceBatchScheduler', schedulerId, definition });
  await commands.handle({ type: 'ActivateInvoiceBatchScheduler', schedulerId });
}

function setClocks(now: string): void {
  for (const each of replicas) each.clock.set(instant(now));
}

async function firedEvents(schedulerId: string) {
  return (await database.eventStore.readStream(invoiceBatchSchedulerStream(schedulerId))).filter(
    (event) => event.type === 'InvoiceBatchSchedulerFired',
  );
}

describe('the scheduler timer with two replicas', () => {
  describe('when an Active scheduler is due', () => {
    it('fires it exactly once and requests one run with the deterministic run id', async () => {
      await activeScheduler('sched-daily');
      await indexed('sched-daily', '2026-03-01T06:00:00.000Z');

      setClocks('2026-03-01T05:59:59.000Z');
      expect((await Promise.all(replicas.map((each) => each.timer.tick()))).flat()).toEqual([]);

      setClocks('2026-03-01T06:00:03.000Z');
      const rounds = await Promise.all([0, 1, 2].flatMap(() => replicas.map((each) => each.timer.tick())));
      const firings = rounds.flat();
      expect(firings).toHaveLength(1);
      expect(firings[0]).toMatchObject({ schedulerId: 'sched-daily', fireTime: '2026-03-01T06:00:00.000Z' });

      const fired = await firedEvents('sched-daily');
      expect(fired).toHaveLength(1);
      const runId = (fired[0]?.data as { runId: string }).runId;
      expect(firings[0]?.runId).toBe(runId);
      const requested = await database.eventStore.readStream(invoiceBatchRunStream(runId));
      expect(requested.map((event) => event.type)).toEqual(['InvoiceBatchRunRequested']);
      expect(requested[0]?.data).toMatchObject({
        targetDate: '2026-03-01',
        trigger: { type: 'Scheduler', schedulerId: 'sched-daily' },
      });
      const announced = replicas.flatMap((each) => each.publisher.on(Topics.InvoiceBatchRuns));
      expect(announced).toHaveLength(1);
      expect((await index.find('sched-daily'))?.nextFireTime).toBe('2026-03-02T06:00:00.000Z');
    });
  });

  describe('when the timer was down over several fire times', () => {
    it('fires only the latest missed one', async () => {
      await activeScheduler('sched-missed');
      await indexed('sched-missed', '2026-03-01T06:00:00.000Z');
      setClocks('2026-03-04T07:00:00.000Z');
      const firings = (await Promise.all(replicas.map((each) => each.timer.tick()))).flat();
      const missed = firings.filter((firing) => firing.schedulerId === 'sched-missed');
      expect(missed.map((firing) => firing.fireTime)).toEqual(['2026-03-04T06:00:00.000Z']);
      expect(await firedEvents('sched-missed')).toHaveLength(1);
    });
  });

  describe('when the fired run would be past the target date limit', () => {
    it('records the firing, requests no run and moves on to the next fire time', async () => {
      await activeScheduler(
        'sched-far',
        nightlySchedulerDefinition({ targetDate: { kind: 'DayOfMonth', day: 'Last', monthOffset: 12 } }),
      );
      await indexed('sched-far', '2026-03-01T06:00:00.000Z');
      setClocks('2026-03-01T06:00:01.000Z');
      const before = replicas.flatMap((each) => each.publisher.published).length;
      expect(
        (await replicas[0]?.timer.tick())?.filter((firing) => firing.schedulerId === 'sched-far'),
      ).toEqual([]);
      expect(await firedEvents('sched-far')).toHaveLength(1);
      expect(replicas.flatMap((each) => each.publisher.published)).toHaveLength(before);
      expect((await index.find('sched-far'))?.nextFireTime).toBe('2026-03-02T06:00:00.000Z');
    });
  });

  describe('when a scheduler is deactivated', () => {
    it('leaves the index with no next fire time, so it never fires', async () => {
      await activeScheduler('sched-off');
      await indexed('sched-off', '2026-03-01T06:00:00.000Z');
      await new HandleInvoiceBatchSchedulerCommand(
        database.eventStore,
        new SettableClock(instant('2026-03-01T05:30:00.000Z')),
      ).handle({ type: 'DeactivateInvoiceBatchScheduler', schedulerId: 'sched-off' });
      await indexed('sched-off', null);
      setClocks('2026-03-01T06:00:01.000Z');
      await Promise.all(replicas.map((each) => each.timer.tick()));
      expect(await firedEvents('sched-off')).toHaveLength(0);
    });
  });
});

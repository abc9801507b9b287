import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GlobalPosition } from '@invoice-engine/event-store';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readModelMigrations } from '../migrations/read-model-migrations';
import type { Projection } from '../projection/projection';
import { openReadModelDataSource } from '../read-model-data-source';
import { applyProjectionBatch } from './apply-projection-batch';
import { readProjectionCheckpoint } from './projection-checkpoint';
import { rebuildProjection, resetProjection } from './rebuild-projection';
import { RecordedEventLog } from './recorded-event-log.fixture';
import { startProjection, type ProjectionEventSource } from './run-projection';
import {
  CreateStreamActivity1767225700000,
  ProbeEventType,
  streamActivityProjection,
} from './stream-activity.projection.fixture';

const schema = `projections_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openReadModelDataSource(
    { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema, poolSize: 4 },
    { migrations: [...readModelMigrations, CreateStreamActivity1767225700000], entities: [] },
  );
});

afterAll(async () => {
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();
});

beforeEach(async () => {
  await resetProjection(dataSource, streamActivityProjection);
});

/** invoice-1 is opened and touched twice, billingSchedule-7 opened, invoice-2 opened then closed. */
function recordScenario(log: RecordedEventLog): void {
  log.record('invoice-1', ProbeEventType.Opened);
  log.record('invoice-1', ProbeEventType.Touched);
  log.record('billingSchedule-7', ProbeEventType.Opened);
  log.record('invoice-2', ProbeEventType.Opened);
  log.record('invoice-2', ProbeEventType.Closed);
  log.record('invoice-1', 'NotForThisProjection');
  log.record('invoice-1', ProbeEventType.Touched);
}

const scenarioRows = [
  {
    stream_id: 'billingSchedule-7',
    category: 'billingSchedule',
    last_event_type: 'ProbeOpened',
    last_revision: '0',
    last_position: '30',
  },
  {
    stream_id: 'invoice-1',
    category: 'invoice',
    last_event_type: 'ProbeTouched',
    last_revision: '3',
    last_position: '70',
  },
];

function streamActivityRows(): Promise<unknown[]> {
  return dataSource.query(
    `SELECT stream_id, category, last_event_type, last_revision::text, last_position::text
     FROM "${schema}".stream_activity ORDER BY stream_id`,
  );
}

function checkpoint(): Promise<GlobalPosition | null> {
  return readProjectionCheckpoint(dataSource.manager, schema, streamActivityProjection.name);
}

/** Runs (or rebuilds) the projection until its checkpoint reaches `position`, then stops it. */
async function runUntil(
  log: ProjectionEventSource,
  position: GlobalPosition,
  start: typeof startProjection = startProjection,
  projection: Projection = streamActivityProjection,
): Promise<void> {
  let reached: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (reached = resolve));
  const subscription = await start(dataSource, log, projection, {
    batchSize: 2,
    onApplied: (applied) => applied.checkpoint >= position && reached(),
  });
  await Promise.race([caughtUp, subscription.finished]);
  await subscription.stop();
}

describe('a projection run by the runner', () => {
  it('turns the subscribed events into rows and stores the checkpoint with them', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);

    await runUntil(log, log.lastPosition);

    expect(await streamActivityRows()).toEqual(scenarioRows);
    expect(await checkpoint()).toBe(70n);
  });

  it('resumes from its checkpoint and applies events recorded after it stopped', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    await runUntil(log, log.lastPosition);

    const touched = log.record('billingSchedule-7', ProbeEventType.Touched);
    await runUntil(log, touched.position);

    expect(log.starts).toEqual(['start', { after: 70n }]);
    expect(await streamActivityRows()).toContainEqual({
      stream_id: 'billingSchedule-7',
      category: 'billingSchedule',
      last_event_type: 'ProbeTouched',
      last_revision: '1',
      last_position: '80',
    });
  });
});

describe('a batch applied twice', () => {
  it('is skipped the second time because the checkpoint covers it, and the rows are unchanged', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    const batch = { events: log.recorded, checkpoint: log.lastPosition };

    const first = await applyProjectionBatch(dataSource, streamActivityProjection, batch);
    const rowsAfterFirst = await streamActivityRows();
    const second = await applyProjectionBatch(dataSource, streamActivityProjection, batch);

    expect(first).toEqual({ folded: 6, alreadyApplied: 0, checkpoint: 70n });
    expect(second).toEqual({ folded: 0, alreadyApplied: 7, checkpoint: 70n });
    expect(await streamActivityRows()).toEqual(rowsAfterFirst);
    expect(rowsAfterFirst).toEqual(scenarioRows);
  });

  it('leaves the rows unchanged even with the checkpoint lost, because the fold writes idempotent upserts', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    const batch = { events: log.recorded, checkpoint: log.lastPosition };
    await applyProjectionBatch(dataSource, streamActivityProjection, batch);
    await dataSource.query(`DELETE FROM "${schema}".projection_checkpoints`);

    const again = await applyProjectionBatch(dataSource, streamActivityProjection, batch);

    expect(again.folded).toBe(6);
    expect(await streamActivityRows()).toEqual(scenarioRows);
  });

  it('does not move a row back when an older event is replayed alone', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    const events = log.recorded;
    await applyProjectionBatch(dataSource, streamActivityProjection, {
      events,
      checkpoint: log.lastPosition,
    });
    await dataSource.query(`DELETE FROM "${schema}".projection_checkpoints`);

    const firstEvent = events.slice(0, 1);
    await applyProjectionBatch(dataSource, streamActivityProjection, { events: firstEvent, checkpoint: 10n });

    expect(await streamActivityRows()).toEqual(scenarioRows);
  });
});

describe('a runner that crashes in the middle of a batch', () => {
  it('keeps the rows of the committed batches and resumes after their checkpoint', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    const crashing: Projection = {
      ...streamActivityProjection,
      fold: (events) => {
        if (events.some((event) => event.type === ProbeEventType.Closed)) throw new Error('process killed');
        return streamActivityProjection.fold(events);
      },
    };
    const crashed = await startProjection(dataSource, log, crashing, {
      batchSize: 2,
      onApplied: () => undefined,
    });
    await expect(crashed.finished).rejects.toThrow('process killed');
    expect(await checkpoint()).toBe(40n);
    expect(await streamActivityRows()).toHaveLength(3);

    await runUntil(log, log.lastPosition);

    expect(log.starts).toEqual(['start', { after: 40n }]);
    expect(await streamActivityRows()).toEqual(scenarioRows);
  });
});

describe('a rebuilt projection', () => {
  it('truncates its tables, replays from the first event and ends with the same rows', async () => {
    const log = new RecordedEventLog();
    recordScenario(log);
    await runUntil(log, log.lastPosition);
    const before = await streamActivityRows();
    await dataSource.query(`UPDATE "${schema}".stream_activity SET last_event_type = 'Corrupted'`);

    await runUntil(log, log.lastPosition, rebuildProjection);

    expect(log.starts).toEqual(['start', 'start']);
    expect(await streamActivityRows()).toEqual(before);
    expect(await checkpoint()).toBe(70n);
  });
});

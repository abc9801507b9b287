import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANY_SCHEDULE, billingScheduleDecider } from '@invoice-engine/billing-schedules';
import { foldEvents } from '@invoice-engine/kernel';
import { applyProjectionBatch, openReadModelDataSource } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import { billingReadModelParts } from '../migrations/billing-read-model-migrations';
import { billingProjections } from '../projections/billing-projections';
import { fullScheduleLifecycle, scheduleHistory, scheduleTerms } from '../testing/billing-schedule.fixture';
import { RecordedLog } from '../testing/recorded-log.fixture';
import { PostgresBillingScheduleSource } from './postgres-billing-schedule-source';

// The embedded mode runs the same migrations, projections and source on PGlite. Needs
// NODE_OPTIONS=--experimental-vm-modules (PGlite loads parts of itself with a dynamic import).
let dataSource: DataSource;
const lifecycle = fullScheduleLifecycle('bs-1');
const created = scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-2' }) });

beforeAll(async () => {
  dataSource = await openReadModelDataSource(
    { kind: 'pglite', dataDirectory: null, schema: 'read_models' },
    billingReadModelParts,
  );
}, 60_000);

afterAll(async () => {
  await dataSource.destroy();
});

describe('the billing read models on embedded PGlite', () => {
  it('migrate, project every projection and rebuild exact schedules', async () => {
    const log = new RecordedLog();
    log.recordAll('billingSchedule-bs-2', created);
    log.recordAll('billingSchedule-bs-1', lifecycle);
    const batch = { events: log.events, checkpoint: log.events.at(-1)?.position ?? 0n };
    for (const projection of billingProjections) {
      const events = batch.events.filter((event) => projection.eventTypes.includes(event.type));
      await applyProjectionBatch(dataSource, projection, { ...batch, events });
    }

    const source = new PostgresBillingScheduleSource(dataSource);
    const snapshots = [];
    for await (const page of source.scan(ANY_SCHEDULE, 1)) snapshots.push(...page);

    expect(snapshots.map((snapshot) => snapshot.billingScheduleId)).toEqual(['bs-1', 'bs-2']);
    expect(snapshots[0]?.schedule).toEqual(foldEvents(billingScheduleDecider, lifecycle));
    expect(snapshots[1]?.schedule).toEqual(foldEvents(billingScheduleDecider, created));
    await expect(source.waitUntilCaughtUp(batch.checkpoint, 100)).resolves.toBeUndefined();
  }, 60_000);
});

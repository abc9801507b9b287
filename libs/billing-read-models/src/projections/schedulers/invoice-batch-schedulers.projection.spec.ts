import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@invoice-engine/event-store';
import { instant } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerEvent } from '@invoice-engine/scheduling';
import { dailyDefinition, fullSchedulerLifecycle } from '../../testing/scheduler.fixture';
import { RecordedLog } from '../../testing/recorded-log.fixture';
import { invoiceBatchSchedulersProjection } from './invoice-batch-schedulers.projection';
import { nextFireTimeOf } from './scheduler-next-fire-time';

function recorded(type: InvoiceBatchSchedulerEvent['type']): RecordedEvent {
  const events = new RecordedLog().recordAll('invoiceBatchScheduler-scheduler-1', fullSchedulerLifecycle());
  const event = events.find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`No ${type}`);
  return event;
}

function row(event: RecordedEvent): Record<string, unknown> {
  const [operation] = invoiceBatchSchedulersProjection.fold([event]);
  if (operation?.kind !== 'upsert' || operation.rows[0] === undefined) throw new Error('No upsert');
  return operation.rows[0];
}

describe('the invoice-batch-schedulers projection', () => {
  it('writes the definition as Draft when a scheduler is created', () => {
    const created = row(recorded('InvoiceBatchSchedulerCreated'));
    expect(created).toMatchObject({
      scheduler_id: 'scheduler-1',
      name: 'Draft name',
      status: 'Draft',
      frequency: 'Daily',
      time_zone: 'UTC',
      preferred_time: '06:00',
      start_date: '2026-01-01',
      end_date: null,
      invoice_status: 'Draft',
      created_at: '2026-03-01T04:00:00.000Z',
      status_changed_at: '2026-03-01T04:00:00.000Z',
      last_fire_time: null,
    });
    expect(JSON.parse(String(created['definition']))).toMatchObject({ frequency: 'Daily', holidays: [] });
  });

  it('writes the new definition, and not the status, when edited', () => {
    const edited = row(recorded('InvoiceBatchSchedulerEdited'));
    expect(edited).toMatchObject({ name: 'Nightly US billing' });
    expect(edited).not.toHaveProperty('status');
  });

  it('writes the status and when it changed on activation, deactivation and cancellation', () => {
    expect(row(recorded('InvoiceBatchSchedulerActivated'))).toMatchObject({
      status: 'Active',
      status_changed_at: '2026-03-01T05:00:00.000Z',
    });
    expect(row(recorded('InvoiceBatchSchedulerDeactivated'))).toMatchObject({ status: 'Inactive' });
    expect(row(recorded('InvoiceBatchSchedulerCanceled'))).toMatchObject({
      status: 'Canceled',
      status_changed_at: '2026-03-01T08:00:00.000Z',
    });
  });

  it('writes the last fire time and its run when the scheduler fires', () => {
    const fired = row(recorded('InvoiceBatchSchedulerFired'));
    expect(fired).toMatchObject({ last_fire_time: '2026-03-01T06:00:00.000Z' });
    expect(fired['last_run_id']).toEqual(expect.any(String));
  });
});

describe('the next fire time of a scheduler row', () => {
  const facts = {
    schedulerId: 'scheduler-1',
    definition: dailyDefinition(),
    lastFireTime: null,
    statusChangedAt: instant('2026-03-01T05:00:00.000Z'),
  };

  it('is the first fire time after the activation while Active', () => {
    expect(nextFireTimeOf({ ...facts, status: 'Active' })).toBe('2026-03-01T06:00:00.000Z');
  });

  it('is the one after the last firing once fired', () => {
    expect(
      nextFireTimeOf({ ...facts, status: 'Active', lastFireTime: instant('2026-03-01T06:00:00.000Z') }),
    ).toBe('2026-03-02T06:00:00.000Z');
  });

  it('is null unless Active', () => {
    expect(nextFireTimeOf({ ...facts, status: 'Inactive' })).toBeNull();
    expect(nextFireTimeOf({ ...facts, status: 'Draft' })).toBeNull();
  });
});

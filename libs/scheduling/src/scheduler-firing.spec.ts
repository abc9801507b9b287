import { calendarDate, deterministicId, foldEvents, instant } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerCommand } from './scheduler-commands';
import { invoiceBatchSchedulerDecider as decider } from './scheduler-decider';
import type { SchedulerDefinition } from './scheduler-definition';
import { aOnceSchedulerDefinition, aSchedulerDefinition } from './scheduler-definition.fixture';
import type { InvoiceBatchSchedulerEvent } from './scheduler-events';
import { validSchedulerDefinition } from './valid-scheduler-definition';

const schedulerId = 'scheduler-7';
const at = instant('2026-01-01T00:00:00Z');

function history(
  definition: SchedulerDefinition,
  ...statuses: readonly ('Active' | 'Inactive' | 'Canceled')[]
) {
  const events: InvoiceBatchSchedulerEvent[] = [
    {
      type: 'InvoiceBatchSchedulerCreated',
      data: { schedulerId, definition: validSchedulerDefinition(definition), createdAt: at },
    },
  ];
  for (const status of statuses) {
    if (status === 'Active')
      events.push({ type: 'InvoiceBatchSchedulerActivated', data: { schedulerId, activatedAt: at } });
    if (status === 'Inactive') {
      events.push({ type: 'InvoiceBatchSchedulerDeactivated', data: { schedulerId, deactivatedAt: at } });
    }
    if (status === 'Canceled')
      events.push({ type: 'InvoiceBatchSchedulerCanceled', data: { schedulerId, canceledAt: at } });
  }
  return events;
}

function fire(fireTime: string): InvoiceBatchSchedulerCommand {
  return { type: 'RecordInvoiceBatchSchedulerFiring', data: { schedulerId, fireTime: instant(fireTime) } };
}

function decide(events: readonly InvoiceBatchSchedulerEvent[], command: InvoiceBatchSchedulerCommand) {
  return decider.decide(command, foldEvents(decider, events));
}

describe('recording a firing', () => {
  const monthly = aSchedulerDefinition({
    frequency: 'Monthly',
    monthlyDay: 'Last',
    timeZone: 'Asia/Tokyo',
    preferredTime: '08:00',
    targetDate: { kind: 'DayOfMonth', day: 1, monthOffset: 1 },
    invoiceDate: { kind: 'OffsetFromRunDate', days: 1 },
    billingPeriodCount: 3,
  });

  describe('when the scheduler is Active', () => {
    it('records the firing with the run it starts, dated in the scheduler zone', () => {
      // 2026-01-30T23:00Z is 08:00 on 2026-01-31 in Tokyo.
      expect(decide(history(monthly, 'Active'), fire('2026-01-30T23:00:00Z'))).toEqual([
        {
          type: 'InvoiceBatchSchedulerFired',
          data: {
            schedulerId,
            schedulerName: 'Nightly US billing',
            runId: deterministicId('invoiceBatchScheduler', schedulerId, '2026-01-30T23:00:00.000Z'),
            fireTime: '2026-01-30T23:00:00.000Z',
            runDate: '2026-01-31',
            targetDate: '2026-02-01',
            invoiceDate: '2026-02-01',
            invoiceStatus: 'Draft',
            criteria: validSchedulerDefinition(monthly).criteria,
            billingPeriodCount: 3,
          },
        },
      ]);
    });

    it('records the same fire time only once, as when two replicas fire together', () => {
      const events = history(monthly, 'Active');
      const first = decide(events, fire('2026-01-30T23:00:00Z'));
      expect(first).toHaveLength(1);
      expect(decide([...events, ...first], fire('2026-01-30T23:00:00.000Z'))).toEqual([]);
    });

    it('ignores a fire time older than the last recorded one (superseded)', () => {
      const events = history(monthly, 'Active');
      const february = decide(events, fire('2026-02-27T23:00:00Z'));
      expect(february).toHaveLength(1);
      expect(decide([...events, ...february], fire('2026-01-30T23:00:00Z'))).toEqual([]);
    });

    it('refuses an instant that is not one of its fire times', () => {
      expect(() => decide(history(monthly, 'Active'), fire('2026-01-31T08:00:00Z'))).toThrow(
        expect.objectContaining({ code: 'SCHEDULER.NOT_A_FIRE_TIME', kind: 'validation' }) as Error,
      );
    });

    it('fires a Once scheduler once, with its fixed target and invoice dates', () => {
      const events = history(aOnceSchedulerDefinition(), 'Active');
      const fired = decide(events, fire('2026-03-02T06:00:00Z'));
      expect(fired[0]?.data).toMatchObject({
        runDate: '2026-03-02',
        targetDate: '2026-03-31',
        invoiceDate: '2026-04-01',
      });
      expect(decide([...events, ...fired], fire('2026-03-02T06:00:00Z'))).toEqual([]);
    });
  });

  describe('when the scheduler is not Active', () => {
    it.each([
      ['a Draft', [] as const, 'SCHEDULER.NOT_ACTIVE'],
      ['Inactive', ['Active', 'Inactive'] as const, 'SCHEDULER.NOT_ACTIVE'],
      ['Canceled', ['Active', 'Canceled'] as const, 'SCHEDULER.CANCELED'],
    ])('refuses to fire %s scheduler', (_, statuses, code) => {
      expect(() => decide(history(monthly, ...statuses), fire('2026-01-30T23:00:00Z'))).toThrow(
        expect.objectContaining({ code, kind: 'illegal-state' }) as Error,
      );
    });

    it('still answers a duplicate of a firing recorded before deactivation with nothing', () => {
      const events = history(monthly, 'Active');
      const fired = decide(events, fire('2026-01-30T23:00:00Z'));
      const deactivated: InvoiceBatchSchedulerEvent = {
        type: 'InvoiceBatchSchedulerDeactivated',
        data: { schedulerId, deactivatedAt: at },
      };
      expect(decide([...events, ...fired, deactivated], fire('2026-01-30T23:00:00Z'))).toEqual([]);
    });
  });

  it('keeps the last fire time in the state', () => {
    const events = history(monthly, 'Active');
    const fired = decide(events, fire('2026-01-30T23:00:00Z'));
    expect(foldEvents(decider, [...events, ...fired])).toMatchObject({
      status: 'Active',
      lastFireTime: '2026-01-30T23:00:00.000Z',
      definition: { startDate: calendarDate('2026-01-01') },
    });
  });
});

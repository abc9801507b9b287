import { calendarDate, instant } from '@invoice-engine/kernel';
import { aSchedulerDefinition } from './scheduler-definition.fixture';
import { buildSchedulerRunNowRequest } from './scheduler-run-now';
import type { InvoiceBatchSchedulerState, SchedulerStatus } from './scheduler-state';
import { validSchedulerDefinition } from './valid-scheduler-definition';

function scheduler(status: SchedulerStatus, days: number): InvoiceBatchSchedulerState {
  const definition = aSchedulerDefinition({
    timeZone: 'America/Los_Angeles',
    targetDate: { kind: 'OffsetFromRunDate', days },
    invoiceDate: { kind: 'OffsetFromRunDate', days: 0 },
  });
  return {
    status,
    schedulerId: 'nightly',
    definition: validSchedulerDefinition(definition),
    lastFireTime: null,
  };
}

const request = {
  schedulerId: 'nightly',
  now: instant('2026-01-06T03:00:00Z'),
  today: calendarDate('2026-01-05'),
  maxTargetDateOffsetMonths: 12,
};

describe('run now', () => {
  it('computes the dates as if the scheduler fired now, in its zone', () => {
    expect(buildSchedulerRunNowRequest(scheduler('Inactive', 30), request)).toMatchObject({
      schedulerId: 'nightly',
      runDate: '2026-01-05',
      targetDate: '2026-02-04',
      invoiceDate: '2026-01-05',
      invoiceStatus: 'Draft',
      billingPeriodCount: null,
    });
  });
  it('refuses a target date beyond today + the org limit', () => {
    expect(() => buildSchedulerRunNowRequest(scheduler('Active', 366), request)).toThrow(
      expect.objectContaining({ code: 'TARGET_DATE_OUT_OF_RANGE' }) as Error,
    );
    expect(buildSchedulerRunNowRequest(scheduler('Active', 365), request).targetDate).toBe('2027-01-05');
  });
  it('refuses a canceled scheduler and an unknown one', () => {
    expect(() => buildSchedulerRunNowRequest(scheduler('Canceled', 0), request)).toThrow(
      expect.objectContaining({ code: 'SCHEDULER.CANCELED' }) as Error,
    );
    expect(() => buildSchedulerRunNowRequest({ status: 'NotCreated' }, request)).toThrow(
      expect.objectContaining({ code: 'SCHEDULER.NOT_FOUND' }) as Error,
    );
  });
});

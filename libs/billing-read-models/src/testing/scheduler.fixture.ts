// Test-only: invoice batch schedulers taken through the real scheduler decider.
import { foldEvents, instant } from '@invoice-engine/kernel';
import {
  invoiceBatchSchedulerDecider,
  nightlySchedulerDefinition,
  type InvoiceBatchSchedulerCommand,
  type InvoiceBatchSchedulerEvent,
} from '@invoice-engine/scheduling';

/** Daily at 06:00 UTC from 2026-01-01, billing up to the run date. */
export const dailyDefinition = nightlySchedulerDefinition;

export function schedulerHistory(
  ...commands: readonly InvoiceBatchSchedulerCommand[]
): InvoiceBatchSchedulerEvent[] {
  return commands.reduce<InvoiceBatchSchedulerEvent[]>(
    (events, command) => [
      ...events,
      ...invoiceBatchSchedulerDecider.decide(command, foldEvents(invoiceBatchSchedulerDecider, events)),
    ],
    [],
  );
}

/** Created, edited, activated on 2026-03-01 05:00, fired at 06:00, deactivated and canceled. */
export function fullSchedulerLifecycle(schedulerId = 'scheduler-1'): InvoiceBatchSchedulerEvent[] {
  const at = (time: string) => ({ schedulerId, requestedAt: instant(`2026-03-01T${time}:00.000Z`) });
  return schedulerHistory(
    {
      type: 'CreateInvoiceBatchScheduler',
      data: { ...at('04:00'), definition: dailyDefinition({ name: 'Draft name' }) },
    },
    { type: 'EditInvoiceBatchScheduler', data: { ...at('04:30'), definition: dailyDefinition() } },
    { type: 'ActivateInvoiceBatchScheduler', data: at('05:00') },
    {
      type: 'RecordInvoiceBatchSchedulerFiring',
      data: { schedulerId, fireTime: instant('2026-03-01T06:00:00.000Z') },
    },
    { type: 'DeactivateInvoiceBatchScheduler', data: at('07:00') },
    { type: 'CancelInvoiceBatchScheduler', data: at('08:00') },
  );
}

import type { CalendarDate, DomainEvent, Instant } from '@invoice-engine/kernel';
import type { RunCriteria } from './run-criteria';
import type { InvoiceStatusToProduce, SchedulerDefinition } from './scheduler-definition';

export type InvoiceBatchSchedulerCreated = DomainEvent<
  'InvoiceBatchSchedulerCreated',
  { readonly schedulerId: string; readonly definition: SchedulerDefinition; readonly createdAt: Instant }
>;

export type InvoiceBatchSchedulerEdited = DomainEvent<
  'InvoiceBatchSchedulerEdited',
  { readonly schedulerId: string; readonly definition: SchedulerDefinition; readonly editedAt: Instant }
>;

export type InvoiceBatchSchedulerActivated = DomainEvent<
  'InvoiceBatchSchedulerActivated',
  { readonly schedulerId: string; readonly activatedAt: Instant }
>;

export type InvoiceBatchSchedulerDeactivated = DomainEvent<
  'InvoiceBatchSchedulerDeactivated',
  { readonly schedulerId: string; readonly deactivatedAt: Instant }
>;

export type InvoiceBatchSchedulerCanceled = DomainEvent<
  'InvoiceBatchSchedulerCanceled',
  { readonly schedulerId: string; readonly canceledAt: Instant }
>;

/**
 * A scheduler fired: self-contained, it carries everything needed to start the invoice batch run.
 * `runId` is deterministic (scheduler id + fire time), so a run started from a redelivered event is
 * the same run.
 */
export type InvoiceBatchSchedulerFired = DomainEvent<
  'InvoiceBatchSchedulerFired',
  {
    readonly schedulerId: string;
    readonly schedulerName: string;
    readonly runId: string;
    readonly fireTime: Instant;
    readonly runDate: CalendarDate;
    readonly targetDate: CalendarDate;
    readonly invoiceDate: CalendarDate;
    readonly invoiceStatus: InvoiceStatusToProduce;
    readonly criteria: RunCriteria;
    readonly billingPeriodCount: number | null;
  }
>;

export type InvoiceBatchSchedulerEvent =
  | InvoiceBatchSchedulerCreated
  | InvoiceBatchSchedulerEdited
  | InvoiceBatchSchedulerActivated
  | InvoiceBatchSchedulerDeactivated
  | InvoiceBatchSchedulerCanceled
  | InvoiceBatchSchedulerFired;

export type InvoiceBatchSchedulerEventType = InvoiceBatchSchedulerEvent['type'];

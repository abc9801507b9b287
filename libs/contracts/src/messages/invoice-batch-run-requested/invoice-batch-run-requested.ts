// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { RUN_INVOICE_STATUSES, type RunInvoiceStatus } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsCalendarDate } from '../../fields/calendar-date';
import { IsCurrency } from '../../fields/currency';
import { IsIdentifier } from '../../fields/identifier';
import { IsUtcInstant } from '../../fields/instant';
import { Nullable } from '../../fields/nullable';
import { Topics } from '../../topics';
import { RunCriteria } from './run-criteria';
import { RUN_TRIGGER_DISCRIMINATOR, RunTrigger, type AnyRunTrigger } from './run-trigger';

export const INVOICE_BATCH_RUN_REQUESTED_SCHEMA_VERSION = 1;

/**
 * A run was requested (by the scheduler, "run now", Bill Now or an operator). Everything the run needs
 * is here and never changes afterwards; the target-date limit was already checked by the scheduler.
 */
export class InvoiceBatchRunRequestedData {
  @IsIdentifier()
  runId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RunCriteria)
  criteria!: RunCriteria;

  @IsCalendarDate()
  targetDate!: string;

  @IsCalendarDate()
  invoiceDate!: string;

  @IsIn(RUN_INVOICE_STATUSES)
  invoiceStatus!: RunInvoiceStatus;

  /** Caps how many billable periods of a schedule the run bills; null = every due period. */
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(12)
  billingPeriodCount!: number | null;

  /** The org's default currency: the run's single totals are reported only in it. */
  @IsCurrency()
  defaultCurrency!: string;

  @IsUtcInstant()
  requestedAt!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RunTrigger, RUN_TRIGGER_DISCRIMINATOR)
  trigger!: AnyRunTrigger;
}

export const InvoiceBatchRunRequested: MessageContract<
  'InvoiceBatchRunRequested',
  InvoiceBatchRunRequestedData
> = {
  type: 'InvoiceBatchRunRequested',
  schemaVersion: INVOICE_BATCH_RUN_REQUESTED_SCHEMA_VERSION,
  topic: Topics.InvoiceBatchRuns,
  dataClass: InvoiceBatchRunRequestedData,
  keyOf: (data) => data.runId,
};

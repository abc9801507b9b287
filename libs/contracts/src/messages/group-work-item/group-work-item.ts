import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { RUN_INVOICE_STATUSES, type RunInvoiceStatus } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsCalendarDate } from '../../fields/calendar-date';
import { IsBelowChunkCount } from '../../fields/chunk-index';
import { IsGroupingKey, IsIdentifier } from '../../fields/identifier';
import { Nullable } from '../../fields/nullable';
import { Topics } from '../../topics';

export const GROUP_WORK_ITEM_SCHEMA_VERSION = 1;

/** The most billing schedules one work item carries: the default line limit of one invoice. */
export const MAX_BILLING_SCHEDULES_PER_WORK_ITEM = 2000;

/**
 * The billing schedules of one grouping key (or one chunk of a large group) to invoice in one run.
 * Invoice generation loads the schedules itself; the run's dates and invoice status travel along so
 * the item is self-contained.
 */
export class GroupWorkItemData {
  @IsIdentifier()
  runId!: string;

  @IsGroupingKey()
  groupingKey!: string;

  @IsInt()
  @Min(0)
  @IsBelowChunkCount()
  chunkIndex!: number;

  @IsInt()
  @Min(1)
  chunkCount!: number;

  @IsIn(RUN_INVOICE_STATUSES)
  invoiceStatus!: RunInvoiceStatus;

  @IsCalendarDate()
  targetDate!: string;

  @IsCalendarDate()
  invoiceDate!: string;

  @Nullable()
  @IsInt()
  @Min(1)
  @Max(12)
  billingPeriodCount!: number | null;

  /** Ordered by billing schedule id, the order of the invoice's lines. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_BILLING_SCHEDULES_PER_WORK_ITEM)
  @ArrayUnique()
  @IsIdentifier({ each: true })
  billingScheduleIds!: string[];
}

export const GroupWorkItem: MessageContract<'GroupWorkItem', GroupWorkItemData> = {
  type: 'GroupWorkItem',
  schemaVersion: GROUP_WORK_ITEM_SCHEMA_VERSION,
  topic: Topics.GroupWork,
  dataClass: GroupWorkItemData,
  keyOf: (data) => data.groupingKey,
};

import { GroupWorkItem, createMessage } from '@invoice-engine/contracts';
import type { RecordedEvent } from '@invoice-engine/event-store';
import {
  groupWorkItem,
  type FilteredGroup,
  type InvoiceBatchRunRequest,
} from '@invoice-engine/invoice-batch-runs';
import { deterministicId, type Instant } from '@invoice-engine/kernel';
import type { MessageToPublish } from '@invoice-engine/runtime';
import { FilteringCompleted } from './filtering-completed-notice';

/** One `GroupWorkItem` per work item; the message id is the work item's deterministic id. */
export function groupWorkItemMessages(
  request: InvoiceBatchRunRequest,
  groups: readonly FilteredGroup[],
  completed: RecordedEvent,
  occurredAt: Instant,
  producer: string,
): readonly MessageToPublish[] {
  return groups.map((group) => {
    const item = groupWorkItem(request, group);
    const data = {
      runId: item.runId,
      groupingKey: item.groupingKey,
      chunkIndex: item.chunkIndex,
      chunkCount: item.chunkCount,
      invoiceStatus: item.invoiceStatus,
      targetDate: item.targetDate,
      invoiceDate: item.invoiceDate,
      billingPeriodCount: item.billingPeriodCount,
      billingScheduleIds: [...item.billingScheduleIds],
    };
    const envelope = createMessage(GroupWorkItem, item.workItemId, data, {
      correlationId: item.runId,
      causationId: completed.messageId,
      groupingKey: item.groupingKey,
      runId: item.runId,
      occurredAt,
      producer,
    });
    return { key: GroupWorkItem.keyOf(data), envelope };
  });
}

/** The notice for summarization, its id derived from the recorded `BillingSchedulesFilteringCompleted`. */
export function filteringCompletedMessage(
  runId: string,
  groupsExpected: number,
  completed: RecordedEvent,
  occurredAt: Instant,
  producer: string,
): MessageToPublish {
  const envelope = createMessage(
    FilteringCompleted,
    deterministicId(completed.messageId, FilteringCompleted.topic),
    { runId, groupsExpected },
    {
      correlationId: runId,
      causationId: completed.messageId,
      groupingKey: null,
      runId,
      occurredAt,
      producer,
    },
  );
  return { key: runId, envelope };
}

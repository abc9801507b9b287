import type { RecordedEvent } from '@invoice-engine/event-store';
import { assertNever, type Instant } from '@invoice-engine/kernel';
import { upsertRows, type Projection, type Row, type RowOperation } from '@invoice-engine/read-models';
import type { InvoiceBatchSchedulerEvent, SchedulerDefinition } from '@invoice-engine/scheduling';
import { jsonColumn } from '../column-values';
import { eventTypesOf, narrowTo, type RecordedDomainEvent } from '../recorded-domain-event';

export const schedulerEventTypes = eventTypesOf<InvoiceBatchSchedulerEvent>({
  InvoiceBatchSchedulerCreated: true,
  InvoiceBatchSchedulerEdited: true,
  InvoiceBatchSchedulerActivated: true,
  InvoiceBatchSchedulerDeactivated: true,
  InvoiceBatchSchedulerCanceled: true,
  InvoiceBatchSchedulerFired: true,
});

export const schedulersTable = 'invoice_batch_schedulers';

type SchedulerEvent = RecordedDomainEvent<InvoiceBatchSchedulerEvent>;

function updateScheduler(event: SchedulerEvent, columns: Row): RowOperation {
  return upsertRows(
    schedulersTable,
    ['scheduler_id'],
    [{ scheduler_id: event.data.schedulerId, ...columns, last_position: event.position }],
    'last_position',
  );
}

function definitionColumns(definition: SchedulerDefinition): Row {
  return {
    name: definition.name,
    frequency: definition.frequency,
    time_zone: definition.timeZone,
    preferred_time: definition.preferredTime,
    start_date: definition.startDate,
    end_date: definition.endDate,
    invoice_status: definition.invoiceStatus,
    definition: jsonColumn(definition),
  };
}

function statusChanged(event: SchedulerEvent, status: string, at: Instant): RowOperation {
  return updateScheduler(event, { status, status_changed_at: at });
}

function schedulerRows(event: SchedulerEvent): RowOperation {
  switch (event.type) {
    case 'InvoiceBatchSchedulerCreated': {
      const { definition, createdAt } = event.data;
      return updateScheduler(event, {
        ...definitionColumns(definition),
        status: 'Draft',
        created_at: createdAt,
        status_changed_at: createdAt,
        last_fire_time: null,
        last_run_id: null,
      });
    }
    case 'InvoiceBatchSchedulerEdited':
      return updateScheduler(event, definitionColumns(event.data.definition));
    case 'InvoiceBatchSchedulerActivated':
      return statusChanged(event, 'Active', event.data.activatedAt);
    case 'InvoiceBatchSchedulerDeactivated':
      return statusChanged(event, 'Inactive', event.data.deactivatedAt);
    case 'InvoiceBatchSchedulerCanceled':
      return statusChanged(event, 'Canceled', event.data.canceledAt);
    case 'InvoiceBatchSchedulerFired':
      return updateScheduler(event, { last_fire_time: event.data.fireTime, last_run_id: event.data.runId });
    default:
      return assertNever(event, 'invoice batch scheduler event');
  }
}

/**
 * `invoice_batch_schedulers`. `next_fire_time` is not written here: it needs the definition, status
 * and last fire time together, which no single event carries, so the projector computes it from the
 * row after each batch (`refreshNextFireTimes`).
 */
export const invoiceBatchSchedulersProjection: Projection = {
  name: 'invoice-batch-schedulers',
  eventTypes: schedulerEventTypes,
  tables: [schedulersTable],
  fold: (events) =>
    events.map((event: RecordedEvent) =>
      schedulerRows(narrowTo<InvoiceBatchSchedulerEvent>(schedulerEventTypes, event)),
    ),
};

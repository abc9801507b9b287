import type { EventStore } from '@invoice-engine/event-store';
import { deterministicId, type Instant } from '@invoice-engine/kernel';
import type { Clock } from '@invoice-engine/runtime';
import {
  invoiceBatchSchedulerDecider,
  type InvoiceBatchSchedulerCommand,
  type InvoiceBatchSchedulerState,
  type SchedulerDefinition,
} from '@invoice-engine/scheduling';
import { retryOnConflict } from '../streams/conflict-retry';
import { eventsToAppend, nextRevision } from '../streams/event-envelopes';
import { loadInvoiceBatchScheduler } from './invoice-batch-scheduler-stream';

/** A lifecycle command as the API receives it: the time is stamped here, from the clock. */
export type SchedulerCommandInput =
  | {
      readonly type: 'CreateInvoiceBatchScheduler' | 'EditInvoiceBatchScheduler';
      readonly schedulerId: string;
      readonly definition: SchedulerDefinition;
    }
  | { readonly type: 'ActivateInvoiceBatchScheduler'; readonly schedulerId: string }
  | { readonly type: 'DeactivateInvoiceBatchScheduler'; readonly schedulerId: string }
  | { readonly type: 'CancelInvoiceBatchScheduler'; readonly schedulerId: string };

function commandOf(input: SchedulerCommandInput, requestedAt: Instant): InvoiceBatchSchedulerCommand {
  const { schedulerId } = input;
  switch (input.type) {
    case 'CreateInvoiceBatchScheduler':
    case 'EditInvoiceBatchScheduler':
      return { type: input.type, data: { schedulerId, definition: input.definition, requestedAt } };
    case 'ActivateInvoiceBatchScheduler':
    case 'DeactivateInvoiceBatchScheduler':
    case 'CancelInvoiceBatchScheduler':
      return { type: input.type, data: { schedulerId, requestedAt } };
  }
}

/**
 * Create, edit, activate, deactivate and cancel an invoice batch scheduler: load its stream, let the
 * scheduling decider decide, append with the expected revision. Repeated commands append nothing.
 */
export class HandleInvoiceBatchSchedulerCommand {
  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
    private readonly producer = 'scheduling',
  ) {}

  handle(input: SchedulerCommandInput): Promise<InvoiceBatchSchedulerState> {
    return retryOnConflict(async () => {
      const scheduler = await loadInvoiceBatchScheduler(this.eventStore, input.schedulerId);
      const now = this.clock.now();
      const events = invoiceBatchSchedulerDecider.decide(commandOf(input, now), scheduler.state);
      if (events.length === 0) return scheduler.state;
      const causationId = deterministicId(input.type, input.schedulerId, now);
      await this.eventStore.append(
        scheduler.stream,
        eventsToAppend(scheduler.stream, nextRevision(scheduler.revision), events, {
          causationId,
          correlationId: input.schedulerId,
          runId: null,
          groupingKey: null,
          occurredAt: now,
          producer: this.producer,
        }),
        scheduler.revision,
      );
      return events.reduce(invoiceBatchSchedulerDecider.evolve, scheduler.state);
    });
  }
}

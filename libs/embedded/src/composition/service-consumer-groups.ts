import { Topics, type TopicName } from '@invoice-engine/contracts';
import type { MessageHandler } from '@nestjs/microservices';
import type { InProcessBus } from '../bus/in-process-bus';
import {
  InProcessTransportStrategy,
  type InProcessTransportOptions,
} from '../nest/in-process-transport-strategy';

/**
 * The consumer group of each service and the topics it consumes, as in the distributed deployment
 * (one process and one group per service). One group for the whole process would share one bound of
 * concurrently handled partitions between all services: the 24 group-work partitions would take every
 * slot and the tax and summarization services would only start once generation has nothing left.
 */
export const EMBEDDED_SERVICE_GROUPS: Readonly<Record<string, readonly TopicName[]>> = {
  filtering: [Topics.InvoiceBatchRuns],
  'invoice-generation': [Topics.GroupWork, Topics.TaxResults],
  tax: [Topics.TaxRequests],
  summarization: [Topics.GroupResults],
};

/** The in-process transport of one service: only the `@EventPattern` handlers of its own topics. */
export class ServiceTransportStrategy extends InProcessTransportStrategy {
  constructor(
    bus: InProcessBus,
    options: InProcessTransportOptions,
    private readonly topics: readonly string[],
  ) {
    super(bus, options);
  }

  override getHandlers(): Map<string, MessageHandler> {
    return new Map([...super.getHandlers()].filter(([topic]) => this.topics.includes(topic)));
  }

  /** The topics of every handler of the application, this service's or not. */
  allHandlerTopics(): string[] {
    return [...super.getHandlers().keys()];
  }
}

/** Every topic some handler of the application listens to must belong to a service group. */
export function assertEveryHandlerHasAGroup(handlerTopics: Iterable<string>): void {
  const grouped = new Set(Object.values(EMBEDDED_SERVICE_GROUPS).flat());
  const orphans = [...handlerTopics].filter((topic) => !grouped.has(topic as TopicName));
  if (orphans.length > 0) {
    throw new Error(`No embedded service group consumes ${orphans.join(', ')}`);
  }
}

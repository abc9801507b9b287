import type { MessageContract } from './envelope/message-contract';
import { FilteringCompleted } from './messages/filtering-completed/filtering-completed';
import { BillingScheduleEventReceived } from './messages/billing-schedule-event-received/billing-schedule-event-received';
import { GroupFailed } from './messages/group-failed/group-failed';
import { GroupInvoiced } from './messages/group-invoiced/group-invoiced';
import { GroupWorkItem } from './messages/group-work-item/group-work-item';
import { InvoiceBatchRunRequested } from './messages/invoice-batch-run-requested/invoice-batch-run-requested';
import { TaxCalculated } from './messages/tax-calculated/tax-calculated';
import { TaxCalculationFailed } from './messages/tax-calculation-failed/tax-calculation-failed';
import { TaxRequested } from './messages/tax-requested/tax-requested';
import type { TopicName } from './topics';

/** Every message contract of the pipeline. */
export const ALL_CONTRACTS = [
  InvoiceBatchRunRequested,
  GroupWorkItem,
  TaxRequested,
  TaxCalculated,
  TaxCalculationFailed,
  GroupInvoiced,
  GroupFailed,
  FilteringCompleted,
  BillingScheduleEventReceived,
] as const;

export type AnyPipelineContract = (typeof ALL_CONTRACTS)[number];

/** The contracts published on a topic: what a consumer of that topic registers. */
export function contractsOnTopic(topic: TopicName): readonly MessageContract[] {
  return ALL_CONTRACTS.filter((contract) => contract.topic === topic);
}

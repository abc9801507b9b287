import { DomainError, type Instant } from '@invoice-engine/kernel';
import type { BillingScheduleFailure, BillingScheduleState, InvoicedPeriod } from '../state';
import type { BillingScheduleTerms } from '../terms';
import type { BillingScheduleSnapshot } from './events';

/** A created billing schedule: its terms and its state. */
export type BillingSchedule = BillingScheduleState & { readonly terms: BillingScheduleTerms };

/** The decider's state: nothing before `BillingScheduleCreated`, then the schedule. */
export type BillingScheduleDeciderState = { readonly status: 'NotCreated' } | BillingSchedule;

export function requireSchedule(
  state: BillingScheduleDeciderState,
  billingScheduleId: string,
): BillingSchedule {
  if (state.status === 'NotCreated') {
    throw new DomainError(
      'BILLING_SCHEDULE.NOT_FOUND',
      'not-found',
      `Billing schedule ${billingScheduleId} does not exist`,
    );
  }
  return state;
}

export function snapshotOf(state: BillingScheduleState): BillingScheduleSnapshot {
  const position = {
    nextChargeFromDate: state.nextChargeFromDate,
    nextBillingDate: state.nextBillingDate,
    billedThroughDate: state.billedThroughDate,
    billedAmount: state.billedAmount,
    pendingAmount: state.pendingAmount,
  };
  switch (state.status) {
    case 'ReadyForInvoicing':
      return {
        ...position,
        status: state.status,
        invoiceRunProcessingStatus: state.invoiceRunProcessingStatus,
      };
    case 'Processing':
      return {
        ...position,
        status: state.status,
        invoiceRunProcessingStatus: state.invoiceRunProcessingStatus,
      };
    case 'CompletelyBilled':
      return {
        ...position,
        status: state.status,
        invoiceRunProcessingStatus: state.invoiceRunProcessingStatus,
      };
    case 'Error':
      return {
        ...position,
        status: state.status,
        invoiceRunProcessingStatus: state.invoiceRunProcessingStatus,
      };
  }
}

interface ScheduleParts {
  readonly terms: BillingScheduleTerms;
  readonly invoicedPeriods: readonly InvoicedPeriod[];
  readonly invoicingEnabledAt: Instant | null;
  readonly failure: BillingScheduleFailure | null;
}

/** Rebuilds the schedule from an event's snapshot; an Error snapshot keeps the failure that caused it. */
export function scheduleFrom(parts: ScheduleParts, snapshot: BillingScheduleSnapshot): BillingSchedule {
  // Fields named one by one: an object rest pattern (`{ failure, ...base }`) is a slow runtime call,
  // and every event a schedule's stream is folded with comes through here.
  const { terms, invoicedPeriods, invoicingEnabledAt, failure } = parts;
  if (snapshot.status !== 'Error') return { terms, invoicedPeriods, invoicingEnabledAt, ...snapshot };
  if (failure === null) throw new Error('An Error snapshot needs the failure that caused it');
  return { terms, invoicedPeriods, invoicingEnabledAt, ...snapshot, failure };
}

export function partsOf(schedule: BillingSchedule): ScheduleParts {
  return {
    terms: schedule.terms,
    invoicedPeriods: schedule.invoicedPeriods,
    invoicingEnabledAt: schedule.invoicingEnabledAt,
    failure: schedule.status === 'Error' ? schedule.failure : null,
  };
}

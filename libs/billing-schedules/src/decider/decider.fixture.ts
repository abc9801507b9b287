import { DomainError, foldEvents, instant } from '@invoice-engine/kernel';
import { billablePeriods } from '../billable-periods';
import { someTerms, d } from '../terms.fixture';
import type { BillingScheduleTerms } from '../terms';
import { billingScheduleDecider, decide } from './billing-schedule-decider';
import type { BillingScheduleDeciderState } from './billing-schedule';
import type { BillingScheduleCommand, InvoiceBillingSchedulePeriods } from './commands';
import type { BillingScheduleEvent } from './events';

/** Test-only: the events a sequence of commands produces, each decided on the state so far. */
export function history(...commands: readonly BillingScheduleCommand[]): BillingScheduleEvent[] {
  return commands.reduce<BillingScheduleEvent[]>(
    (events, command) => [...events, ...decide(command, foldEvents(billingScheduleDecider, events))],
    [],
  );
}

export function stateOf(events: readonly BillingScheduleEvent[]): BillingScheduleDeciderState {
  return foldEvents(billingScheduleDecider, events);
}

/** Given events, when a command: the events decided. */
export function when(given: readonly BillingScheduleEvent[], command: BillingScheduleCommand) {
  return decide(command, stateOf(given));
}

/** Decides the command, applies its events, and decides it again: the second time must yield nothing. */
export function decideTwice(given: readonly BillingScheduleEvent[], command: BillingScheduleCommand) {
  const first = when(given, command);
  const second = when([...given, ...first], command);
  return { first, second };
}

export const create = (terms: BillingScheduleTerms = someTerms()): BillingScheduleCommand => ({
  type: 'CreateBillingSchedule',
  terms,
});

/** The command a run sends for everything due by the target date, computed from the current state. */
export function invoiceDue(
  given: readonly BillingScheduleEvent[],
  targetDate: string,
  invoice: {
    runId?: string;
    invoiceId?: string;
    invoiceStatus?: 'Draft' | 'Posted';
    count?: number | null;
  } = {},
): InvoiceBillingSchedulePeriods {
  const state = stateOf(given);
  if (state.status === 'NotCreated') throw new Error('no schedule');
  return {
    type: 'InvoiceBillingSchedulePeriods',
    billingScheduleId: state.terms.id,
    runId: invoice.runId ?? 'run-1',
    runStartedAt: instant('2026-03-01T06:00:00.000Z'),
    invoiceId: invoice.invoiceId ?? 'inv-1',
    invoiceStatus: invoice.invoiceStatus ?? 'Posted',
    periods: billablePeriods(state.terms, state, d(targetDate), invoice.count ?? null),
  };
}

/** The DomainError an action throws (fails the test when it throws nothing or something else). */
export function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, nothing was thrown');
}

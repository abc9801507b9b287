import { isDeepStrictEqual } from 'node:util';
import { addDays, DomainError, isBefore } from '@invoice-engine/kernel';
import { stateFromStart } from '../billing-progress';
import { stateFromGivenState } from '../given-state';
import { validateTerms } from '../terms-validation';
import { requireSchedule, snapshotOf, type BillingScheduleDeciderState } from './billing-schedule';
import { amendedSnapshot, lastBilledDay } from './amendment';
import type {
  AmendBillingScheduleDates,
  AmendBillingSchedulePrice,
  AmendBillingScheduleQuantity,
  CancelBillingSchedule,
  CreateBillingSchedule,
} from './commands';
import type { BillingScheduleEvent } from './events';

type Events = readonly BillingScheduleEvent[];

/**
 * Creates the schedule from its terms; with a given state (a schedule created mid-life) a
 * `BillingScheduleStateImported` follows. Creating it again with the same terms yields nothing: the
 * state given at creation stands.
 */
export function decideCreate(command: CreateBillingSchedule, state: BillingScheduleDeciderState): Events {
  if (state.status !== 'NotCreated') {
    if (isDeepStrictEqual(state.terms, command.terms)) return [];
    throw new DomainError(
      'BILLING_SCHEDULE.ALREADY_EXISTS',
      'conflict',
      `Billing schedule ${command.terms.id} exists`,
    );
  }
  validateTerms(command.terms);
  const billingScheduleId = command.terms.id;
  const snapshot = snapshotOf(stateFromStart(command.terms));
  const created: BillingScheduleEvent = {
    type: 'BillingScheduleCreated',
    data: { billingScheduleId, terms: command.terms, snapshot },
  };
  if (command.givenState === undefined) return [created];
  const given = stateFromGivenState(command.terms, command.givenState);
  const failure = given.status === 'Error' ? given.failure : null;
  return [
    created,
    {
      type: 'BillingScheduleStateImported',
      data: { billingScheduleId, snapshot: snapshotOf(given), failure },
    },
  ];
}

export function decideAmendPrice(
  command: AmendBillingSchedulePrice,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.terms.unitPrice === command.unitPrice) return [];
  const snapshot = amendedSnapshot(schedule, { ...schedule.terms, unitPrice: command.unitPrice });
  const data = { billingScheduleId: command.billingScheduleId, unitPrice: command.unitPrice, snapshot };
  return [{ type: 'BillingSchedulePriceAmended', data }];
}

export function decideAmendQuantity(
  command: AmendBillingScheduleQuantity,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.terms.quantity === command.quantity) return [];
  const snapshot = amendedSnapshot(schedule, { ...schedule.terms, quantity: command.quantity });
  const data = { billingScheduleId: command.billingScheduleId, quantity: command.quantity, snapshot };
  return [{ type: 'BillingScheduleQuantityAmended', data }];
}

/** The start date moves only while nothing is billed; the end date never cuts into billed days. */
export function decideAmendDates(
  command: AmendBillingScheduleDates,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const { startDate, endDate } = command;
  if (schedule.terms.startDate === startDate && schedule.terms.endDate === endDate) return [];
  const billedThrough = lastBilledDay(schedule);
  if (billedThrough !== null && schedule.terms.startDate !== startDate) {
    throw new DomainError(
      'BILLING_SCHEDULE.START_DATE_ALREADY_BILLED',
      'illegal-state',
      'Billing has started',
    );
  }
  if (billedThrough !== null && endDate !== null && isBefore(endDate, billedThrough)) {
    throw new DomainError(
      'BILLING_SCHEDULE.END_DATE_BEFORE_BILLED_THROUGH',
      'illegal-state',
      `End date ${endDate} is before the billed-through date ${billedThrough}`,
    );
  }
  const coverage = billedThrough === null ? { nextChargeFromDate: startDate, invoicedPeriods: [] } : schedule;
  const snapshot = amendedSnapshot(schedule, { ...schedule.terms, startDate, endDate }, coverage);
  return [
    {
      type: 'BillingScheduleDatesAmended',
      data: { billingScheduleId: command.billingScheduleId, startDate, endDate, snapshot },
    },
  ];
}

/** Cancellation stops service from its date on; it may not reach back into billed days. */
export function decideCancel(command: CancelBillingSchedule, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const { cancellationDate } = command;
  if (schedule.terms.cancellationDate === cancellationDate) return [];
  const billedThrough = lastBilledDay(schedule);
  if (billedThrough !== null && isBefore(addDays(cancellationDate, -1), billedThrough)) {
    throw new DomainError(
      'BILLING_SCHEDULE.CANCELLATION_BEFORE_BILLED_THROUGH',
      'illegal-state',
      `Cancellation date ${cancellationDate} falls within billed days (through ${billedThrough})`,
    );
  }
  const snapshot = amendedSnapshot(schedule, { ...schedule.terms, cancellationDate });
  return [
    {
      type: 'BillingScheduleCancelled',
      data: { billingScheduleId: command.billingScheduleId, cancellationDate, snapshot },
    },
  ];
}

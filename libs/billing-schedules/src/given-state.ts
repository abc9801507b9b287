import {
  addDays,
  addMoney,
  DomainError,
  isBefore,
  sumMoney,
  zeroMoney,
  type CalendarDate,
  type Money,
} from '@invoice-engine/kernel';
import { lastBillableDay } from './billing-period';
import { settledStatus } from './billing-progress';
import { givenStatusPair } from './given-status';
import { dayAfter } from './local-date';
import { pricedPeriods } from './period-amounts';
import { derivePosition } from './position';
import type {
  BillingScheduleFailure,
  BillingScheduleState,
  BillingScheduleStatus,
  InvoiceRunProcessingStatus,
} from './state';
import type { BillingScheduleTerms } from './terms';

/**
 * The state fields of DOMAIN.md section 1 as given for a schedule created mid-life (migrated from
 * another system, or a scenario's schedule). A field left out (`undefined`) is derived from the start
 * and the other fields; a field given is kept, `null` included (a next billing date that cannot be
 * determined).
 */
export interface GivenBillingScheduleState {
  readonly status?: BillingScheduleStatus;
  readonly invoiceRunProcessingStatus?: InvoiceRunProcessingStatus;
  readonly nextChargeFromDate?: CalendarDate;
  readonly nextBillingDate?: CalendarDate | null;
  readonly billedThroughDate?: CalendarDate | null;
  readonly billedAmount?: Money;
  readonly pendingAmount?: Money;
}

/** The failure of a schedule given in Error: no run of this engine failed it. */
export const GIVEN_IN_ERROR: BillingScheduleFailure = {
  runId: 'given-state',
  errorCode: 'BILLING_SCHEDULE.GIVEN_IN_ERROR',
  message: 'The schedule was given in Error when it was created',
};

function invalid(code: string, message: string): DomainError {
  return new DomainError(`BILLING_SCHEDULE.${code}`, 'validation', message);
}

/** The first day not yet billed: given, or the day after the given billed-through date, or the start. */
function givenCursor(startDate: CalendarDate, given: GivenBillingScheduleState): CalendarDate {
  const { nextChargeFromDate, billedThroughDate } = given;
  const cursor =
    nextChargeFromDate ??
    (billedThroughDate === undefined || billedThroughDate === null ? startDate : dayAfter(billedThroughDate));
  if (billedThroughDate !== undefined) {
    const expected = isBefore(startDate, cursor) ? addDays(cursor, -1) : null;
    if (billedThroughDate !== expected) {
      throw invalid(
        'GIVEN_BILLED_THROUGH_DATE_MISMATCH',
        `billedThroughDate ${String(billedThroughDate)} must be ${String(expected)}, the day before nextChargeFromDate ${cursor}`,
      );
    }
  }
  return cursor;
}

/**
 * What was billed before the cursor, as the engine would have billed it; the cursor must be a period
 * start (the start date included) or the day after the last billable day.
 */
function billedBefore(terms: BillingScheduleTerms, cursor: CalendarDate): Money {
  const lastDay = lastBillableDay(terms);
  const amounts: Money[] = [];
  let boundary = false;
  for (const period of pricedPeriods(terms, lastDay, new Map())) {
    if (!isBefore(period.periodStart, cursor)) {
      boundary = period.periodStart === cursor;
      break;
    }
    amounts.push(period.chargeAmount);
  }
  if (!boundary && (lastDay === null || cursor !== dayAfter(lastDay))) {
    const after = lastDay === null ? '' : `, or ${dayAfter(lastDay)}, the day after its last billable day`;
    throw invalid(
      'GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START',
      `nextChargeFromDate ${cursor} must be the start of a billing period of the schedule${after}`,
    );
  }
  return sumMoney(amounts, terms.currency);
}

function checkedAmount(terms: BillingScheduleTerms, field: string, amount: Money | undefined) {
  if (amount === undefined) return;
  if (amount.currency !== terms.currency)
    throw invalid(
      'GIVEN_AMOUNT_CURRENCY_MISMATCH',
      `${field} is in ${amount.currency}, the schedule in ${terms.currency}`,
    );
  if (amount.minorUnits < 0n) throw invalid('GIVEN_AMOUNT_NEGATIVE', `${field} must not be negative`);
}

/** billedAmount + pendingAmount against what the terms fix: an OrderAmount's total, nothing pending at the end. */
function checkAmounts(terms: BillingScheduleTerms, billed: Money, pending: Money, nothingRemains: boolean) {
  if (nothingRemains && pending.minorUnits !== 0n)
    throw invalid('GIVEN_AMOUNTS_INCONSISTENT', 'pendingAmount must be 0 when no period remains to bill');
  const total = terms.totalAmount;
  if (terms.billingMethod === 'OrderAmount' && total !== null) {
    if (addMoney(billed, pending).minorUnits !== total.minorUnits) {
      throw invalid(
        'GIVEN_AMOUNTS_INCONSISTENT',
        'billedAmount + pendingAmount must equal the totalAmount of an OrderAmount schedule',
      );
    }
  }
}

/**
 * The state of a schedule created with a given state: checked against its terms, each field left out
 * derived from the start date and the fields given. Throws `DomainError` kind `validation`.
 */
export function stateFromGivenState(
  terms: BillingScheduleTerms,
  given: GivenBillingScheduleState,
): BillingScheduleState {
  checkedAmount(terms, 'billedAmount', given.billedAmount);
  checkedAmount(terms, 'pendingAmount', given.pendingAmount);
  const startDate = terms.startDate;
  const positionGiven = (
    ['nextChargeFromDate', 'nextBillingDate', 'billedThroughDate', 'billedAmount', 'pendingAmount'] as const
  ).filter((field) => given[field] !== undefined);
  if (startDate === null && positionGiven.length > 0) {
    throw invalid('GIVEN_POSITION_WITHOUT_START_DATE', `${positionGiven.join(', ')} need a start date`);
  }
  const cursor = startDate === null ? null : givenCursor(startDate, given);
  const derivedBilled = cursor === null ? undefined : billedBefore(terms, cursor);
  const billedAmount = given.billedAmount ?? derivedBilled ?? zeroMoney(terms.currency);
  const coverage = { nextChargeFromDate: cursor, invoicedPeriods: [] };
  const { position, nothingRemains } = derivePosition(terms, coverage, billedAmount);
  const pendingAmount = given.pendingAmount ?? position.pendingAmount;
  checkAmounts(terms, billedAmount, pendingAmount, nothingRemains);
  const nextBillingDate =
    given.nextBillingDate === undefined ? position.nextBillingDate : given.nextBillingDate;
  if (
    nextBillingDate !== null &&
    position.nextChargeFromDate !== null &&
    isBefore(nextBillingDate, position.nextChargeFromDate)
  ) {
    throw invalid(
      'GIVEN_NEXT_BILLING_DATE_BEFORE_NEXT_CHARGE_FROM_DATE',
      `nextBillingDate ${nextBillingDate} is before nextChargeFromDate ${position.nextChargeFromDate}`,
    );
  }
  const pair = givenStatusPair(terms, given, settledStatus(terms, [], nothingRemains), nothingRemains);
  const progress = {
    ...position,
    nextBillingDate,
    billedAmount,
    pendingAmount,
    invoicedPeriods: [],
    invoicingEnabledAt: null,
  };
  return pair.status === 'Error'
    ? { ...progress, status: 'Error', invoiceRunProcessingStatus: 'Error', failure: GIVEN_IN_ERROR }
    : { ...progress, ...pair };
}

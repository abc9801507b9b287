import type { CurrencyCode } from '@invoice-engine/kernel';
import type { BillingScheduleTerms, ChargeType } from './terms';

/** A run's matching criteria; each list null = any. A billing batch of null is a value of its own. */
export interface RunCriteria {
  readonly currencies: readonly CurrencyCode[] | null;
  readonly billingBatches: readonly (string | null)[] | null;
  readonly legalEntityIds: readonly (string | null)[] | null;
  readonly billingAccountIds: readonly string[] | null;
  readonly chargeTypes: readonly ChargeType[] | null;
}

export const ANY_SCHEDULE: RunCriteria = {
  currencies: null,
  billingBatches: null,
  legalEntityIds: null,
  billingAccountIds: null,
  chargeTypes: null,
};

function allows<T>(list: readonly T[] | null, value: T): boolean {
  return list === null || list.includes(value);
}

/** Whether the schedule is part of a run with these criteria (before any eligibility check). */
export function matchesRunCriteria(terms: BillingScheduleTerms, criteria: RunCriteria): boolean {
  return (
    allows(criteria.currencies, terms.currency) &&
    allows(criteria.billingBatches, terms.billingBatch) &&
    allows(criteria.legalEntityIds, terms.legalEntityId) &&
    allows(criteria.billingAccountIds, terms.billingAccountId) &&
    allows(criteria.chargeTypes, terms.chargeType)
  );
}

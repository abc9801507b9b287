import { isCurrencyCode, type CurrencyCode } from '@invoice-engine/kernel';

/** The charge types a run can be restricted to (a billing schedule's `chargeType`). */
export const CHARGE_TYPES = ['OneTime', 'Recurring', 'Usage'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

/**
 * Which billing schedules a run considers. Each criterion is a list of accepted values, or null for
 * "any". `billingBatches` may contain null: a schedule without a billing batch is a value of its own.
 */
export interface RunCriteria {
  readonly currencies: readonly CurrencyCode[] | null;
  readonly billingBatches: readonly (string | null)[] | null;
  readonly legalEntityIds: readonly string[] | null;
  readonly billingAccountIds: readonly string[] | null;
  readonly chargeTypes: readonly ChargeType[] | null;
}

/** Criteria that accept every billing schedule. */
export const ANY_RUN_CRITERIA: RunCriteria = {
  currencies: null,
  billingBatches: null,
  legalEntityIds: null,
  billingAccountIds: null,
  chargeTypes: null,
};

/** What is wrong with the criteria, one sentence per problem; empty when they are valid. */
export function runCriteriaProblems(criteria: RunCriteria): readonly string[] {
  return [
    ...listProblems('currencies', criteria.currencies, (value) =>
      isCurrencyCode(value) ? null : `"${String(value)}" is not an ISO 4217 currency code`,
    ),
    ...listProblems('billingBatches', criteria.billingBatches, (value) =>
      value === null || value.trim().length > 0 ? null : 'a billing batch label must not be blank (use null)',
    ),
    ...listProblems('legalEntityIds', criteria.legalEntityIds, nonBlankId),
    ...listProblems('billingAccountIds', criteria.billingAccountIds, nonBlankId),
    ...listProblems('chargeTypes', criteria.chargeTypes, (value) =>
      (CHARGE_TYPES as readonly string[]).includes(value)
        ? null
        : `"${value}" is not one of ${CHARGE_TYPES.join(', ')}`,
    ),
  ];
}

/** Criteria in a canonical form (values sorted and deduplicated), so equal criteria compare equal. */
export function normalizeRunCriteria(criteria: RunCriteria): RunCriteria {
  return {
    currencies: sortedUnique(criteria.currencies),
    billingBatches: sortedUnique(criteria.billingBatches),
    legalEntityIds: sortedUnique(criteria.legalEntityIds),
    billingAccountIds: sortedUnique(criteria.billingAccountIds),
    chargeTypes: sortedUnique(criteria.chargeTypes),
  };
}

function listProblems<Value>(
  name: keyof RunCriteria,
  values: readonly Value[] | null,
  problemOf: (value: Value) => string | null,
): readonly string[] {
  if (values === null) return [];
  // Definitions arrive as JSON; a criterion sent as a string instead of a list is refused.
  const received: unknown = values;
  if (!Array.isArray(received)) return [`criteria.${name} must be a list or null`];
  // An empty list would select nothing at all; "any" is spelled null.
  if (values.length === 0) return [`criteria.${name} must not be empty (use null for any)`];
  return values.flatMap((value) => {
    const problem = problemOf(value);
    return problem === null ? [] : [`criteria.${name}: ${problem}`];
  });
}

function nonBlankId(value: string): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? null : 'an id must not be blank';
}

function sortedUnique<Value extends string | null>(values: readonly Value[] | null): readonly Value[] | null {
  if (values === null) return null;
  // null (no billing batch) sorts first so the order is total.
  return [...new Set(values)].sort((left, right) =>
    left === right ? 0 : left === null ? -1 : right === null ? 1 : left < right ? -1 : 1,
  );
}

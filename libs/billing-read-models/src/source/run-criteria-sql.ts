import type { RunCriteria } from '@invoice-engine/billing-schedules';

/** SQL conditions on `billing_schedules` (alias `s`) with their parameters, numbered from `firstParameter`. */
export interface CriteriaSql {
  readonly conditions: readonly string[];
  readonly parameters: readonly (readonly string[])[];
}

/**
 * Pushes a run's criteria into SQL so that a narrow run never reads the schedules it excludes. Each
 * list null = any. A null inside `billingBatches` (or `legalEntityIds`) matches schedules without one:
 * null is a value of its own, as `matchesRunCriteria` says.
 */
export function runCriteriaSql(criteria: RunCriteria, firstParameter: number): CriteriaSql {
  const conditions: string[] = [];
  const parameters: string[][] = [];
  const restrict = (column: string, values: readonly (string | null)[] | null): void => {
    if (values === null) return;
    const named = values.filter((value): value is string => value !== null);
    parameters.push(named);
    const matches = `s.${column} = ANY($${firstParameter + parameters.length - 1}::text[])`;
    conditions.push(named.length === values.length ? matches : `(${matches} OR s.${column} IS NULL)`);
  };
  restrict('currency', criteria.currencies);
  restrict('billing_batch', criteria.billingBatches);
  restrict('legal_entity_id', criteria.legalEntityIds);
  restrict('billing_account_id', criteria.billingAccountIds);
  restrict('charge_type', criteria.chargeTypes);
  return { conditions, parameters };
}

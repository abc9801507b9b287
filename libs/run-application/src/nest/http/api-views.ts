import type { InvoiceBatchRunState } from '@invoice-engine/invoice-batch-runs';
import { formatMoney, type Money } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerState } from '@invoice-engine/scheduling';

function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    'minorUnits' in value &&
    typeof value.minorUnits === 'bigint' &&
    'currency' in value
  );
}

/** A JSON-safe copy: money becomes `{currency, amount: "109.68"}` (exact, never a float). */
export function apiJson(value: unknown): unknown {
  if (isMoney(value)) return { currency: value.currency, amount: formatMoney(value) };
  if (Array.isArray(value)) return value.map(apiJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, apiJson(item)]));
  }
  return value;
}

/** `GET /invoice-batch-runs/:id`: status, subtype, stages, request, counts and (when finished) the summary. */
export function invoiceBatchRunView(
  state: Exclude<InvoiceBatchRunState, { status: 'NotRequested' }>,
): unknown {
  const { run } = state;
  return apiJson({
    runId: run.request.runId,
    status: state.status === 'Requested' ? 'Started' : state.status,
    statusSubtype: 'statusSubtype' in state ? state.statusSubtype : null,
    stages: run.stages,
    request: run.request,
    filtering: run.filtering,
    groupsExpected: run.groupsExpected,
    generation: run.generation.counts,
    summary: 'summary' in state ? state.summary : null,
  });
}

export function invoiceBatchSchedulerView(
  state: Exclude<InvoiceBatchSchedulerState, { status: 'NotCreated' }>,
): unknown {
  return {
    schedulerId: state.schedulerId,
    status: state.status,
    definition: state.definition,
    lastFireTime: state.lastFireTime,
  };
}

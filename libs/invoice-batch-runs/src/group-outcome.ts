import {
  DomainError,
  addMoney,
  deterministicId,
  type CurrencyCode,
  type Money,
} from '@invoice-engine/kernel';

/** Status of the invoices of one group chunk: all of them succeed (Draft/Posted) or all are Error. */
export type GroupInvoiceStatus = 'Draft' | 'Posted' | 'Error';

/** Amounts of a group chunk's successful invoices in one currency; total = subtotal + tax. */
export interface GroupAmounts {
  readonly currency: CurrencyCode;
  readonly subtotal: Money;
  readonly tax: Money;
  readonly total: Money;
}

/**
 * What invoice generation reports for one work item: one grouping key, one chunk of it
 * (DOMAIN.md section 6). Published on `invoice-batch.group-results`, folded by summarization.
 * - `billingSchedulesProcessed`: schedules invoiced successfully; `billingSchedulesFailed`: set to Error.
 * - `invoicesGenerated`: every invoice written, Error ones included; `invoicesFailed`: the Error ones.
 * - `amounts`: of the successful invoices only, so an Error outcome carries none.
 */
export interface GroupOutcome {
  readonly runId: string;
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly invoiceIds: readonly string[];
  readonly billingSchedulesProcessed: number;
  readonly billingSchedulesFailed: number;
  readonly invoicesGenerated: number;
  readonly invoicesFailed: number;
  readonly invoiceStatus: GroupInvoiceStatus;
  readonly amounts: readonly GroupAmounts[];
}

/** Identity of a work item within a run; the chunk number comes first, so no key can be ambiguous. */
export function groupChunkKey(group: { readonly groupingKey: string; readonly chunkIndex: number }): string {
  return `${group.chunkIndex}/${group.groupingKey}`;
}

export function isFailedGroup(outcome: GroupOutcome): boolean {
  return outcome.invoiceStatus === 'Error';
}

function invalid(outcome: GroupOutcome, message: string): DomainError {
  return new DomainError(
    'INVOICE_BATCH_RUN.INVALID_GROUP_OUTCOME',
    'validation',
    `Group ${groupChunkKey(outcome)} of run ${outcome.runId}: ${message}`,
  );
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function checkAmounts(outcome: GroupOutcome): void {
  const currencies = new Set(outcome.amounts.map((amount) => amount.currency));
  if (currencies.size !== outcome.amounts.length)
    throw invalid(outcome, 'a currency appears twice in amounts');
  for (const amount of outcome.amounts) {
    const parts = [amount.subtotal, amount.tax, amount.total];
    if (parts.some((part) => part.currency !== amount.currency)) throw invalid(outcome, 'mixed currencies');
    if (addMoney(amount.subtotal, amount.tax).minorUnits !== amount.total.minorUnits) {
      throw invalid(outcome, `${amount.currency} total is not subtotal + tax`);
    }
  }
}

/** Rejects an outcome whose counts contradict each other; such a message belongs on the dead-letter topic. */
export function validateGroupOutcome(outcome: GroupOutcome): void {
  const counts = [
    outcome.chunkIndex,
    outcome.billingSchedulesProcessed,
    outcome.billingSchedulesFailed,
    outcome.invoicesGenerated,
    outcome.invoicesFailed,
  ];
  if (outcome.groupingKey.length === 0) throw invalid(outcome, 'grouping key is empty');
  if (!counts.every(isCount)) throw invalid(outcome, 'chunk index and counts must be non-negative integers');
  if (new Set(outcome.invoiceIds).size !== outcome.invoicesGenerated) {
    throw invalid(outcome, 'invoice ids must be distinct and as many as the invoices generated');
  }
  const failed = isFailedGroup(outcome);
  if (failed && (outcome.invoicesFailed !== outcome.invoicesGenerated || outcome.amounts.length > 0)) {
    throw invalid(outcome, 'an Error outcome has only failed invoices and no amounts');
  }
  if (!failed && (outcome.invoicesFailed > 0 || outcome.billingSchedulesFailed > 0)) {
    throw invalid(outcome, `a ${outcome.invoiceStatus} outcome has no failed invoice or schedule`);
  }
  checkAmounts(outcome);
}

/**
 * A short, order-insensitive digest of everything an outcome says, so a redelivery can be told
 * apart from a contradicting second outcome for the same work item (kept by the summarization
 * service's outcome store).
 */
export function outcomeFingerprint(outcome: GroupOutcome): string {
  const amounts = [...outcome.amounts]
    .sort((left, right) => (left.currency < right.currency ? -1 : left.currency > right.currency ? 1 : 0))
    .map((amount) => `${amount.currency}:${amount.subtotal.minorUnits}:${amount.tax.minorUnits}`);
  return deterministicId(
    outcome.runId,
    groupChunkKey(outcome),
    outcome.invoiceStatus,
    [...outcome.invoiceIds].sort().join(','),
    [
      outcome.billingSchedulesProcessed,
      outcome.billingSchedulesFailed,
      outcome.invoicesGenerated,
      outcome.invoicesFailed,
    ].join(','),
    amounts.join(','),
  );
}

import { DomainError } from '@invoice-engine/kernel';

/** The result of one selected item (an invoice) of a draft-to-posted or recovery run. */
export interface ItemResult<Result> {
  readonly invoiceId: string;
  readonly result: Result;
}

/**
 * The results not recorded yet, in the order given. A result for an invoice the run did not
 * select, an invoice listed twice in one batch, or a second, different result for an invoice break
 * the run's invariants; the same result again is a redelivery and is skipped.
 */
export function newItemResults<Result>(
  runName: string,
  selected: ReadonlySet<string>,
  recorded: Readonly<Record<string, Result>>,
  incoming: readonly ItemResult<Result>[],
  sameResult: (left: Result, right: Result) => boolean,
): readonly ItemResult<Result>[] {
  if (new Set(incoming.map((item) => item.invoiceId)).size !== incoming.length) {
    throw new DomainError(
      'SUB_RUN.DUPLICATE_RESULT',
      'validation',
      `${runName}: an invoice appears twice in one batch`,
    );
  }
  return incoming.filter((item) => {
    if (!selected.has(item.invoiceId)) {
      throw new DomainError(
        'SUB_RUN.INVOICE_NOT_SELECTED',
        'validation',
        `${runName}: invoice ${item.invoiceId} was not selected`,
      );
    }
    const known = recorded[item.invoiceId];
    if (known === undefined) return true;
    if (sameResult(known, item.result)) return false;
    throw new DomainError(
      'SUB_RUN.RESULT_CHANGED',
      'conflict',
      `${runName}: invoice ${item.invoiceId} already has another result`,
    );
  });
}

export function checkDistinctSelection(runName: string, invoiceIds: readonly string[]): void {
  if (new Set(invoiceIds).size !== invoiceIds.length || invoiceIds.some((id) => id.length === 0)) {
    throw new DomainError(
      'SUB_RUN.INVALID_SELECTION',
      'validation',
      `${runName}: selected invoice ids must be distinct and non-empty`,
    );
  }
}

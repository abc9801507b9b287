import { assertNever, DomainError, sumMoney } from '@invoice-engine/kernel';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { StartInvoiceGeneration } from './invoice-commands';
import { InvoiceErrorCode } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/**
 * The first command of an invoice. A redelivery (same invoice) after it was recorded is a no-op in
 * every later status, Error and Canceled included: a retry must never revive a failed invoice.
 * Different content under the same deterministic id means non-deterministic assembly: a conflict.
 */
export function startInvoiceGeneration(
  command: StartInvoiceGeneration,
  state: InvoiceState,
): readonly InvoiceEvent[] {
  switch (state.status) {
    case 'Pending':
      assertConsistent(command.invoice);
      return [{ type: 'InvoiceDraftingStarted', data: command.invoice }];
    case 'DraftInProgress':
    case 'Draft':
    case 'PostingInProgress':
    case 'Posted':
      return sameOrConflict(state.invoice, command.invoice);
    case 'Error':
      return state.invoice === null ? [] : sameOrConflict(state.invoice, command.invoice);
    case 'Canceled':
      return [];
    default:
      return assertNever(state, 'invoice state');
  }
}

function sameOrConflict(recorded: AssembledInvoice, incoming: AssembledInvoice): readonly InvoiceEvent[] {
  if (canonicalJson(recorded) === canonicalJson(incoming)) return [];
  throw new DomainError(
    InvoiceErrorCode.ConflictingContent,
    'conflict',
    `Invoice ${recorded.invoiceId} was already recorded with different content`,
  );
}

function assertConsistent(invoice: AssembledInvoice): void {
  const subtotal = sumMoney(
    invoice.lines.map((line) => line.chargeAmount),
    invoice.currency,
  );
  if (invoice.lines.length === 0 || subtotal.minorUnits !== invoice.subtotal.minorUnits) {
    throw new DomainError(
      InvoiceErrorCode.InvalidContent,
      'validation',
      `Invoice ${invoice.invoiceId} needs at least one line and a subtotal equal to the sum of its lines`,
    );
  }
}

/** JSON with sorted keys and bigints as strings, so equal content compares equal after a round trip. */
function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : 1));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

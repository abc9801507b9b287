import { DomainError } from '@invoice-engine/kernel';
import type { InvoiceState } from './invoice-state';

/** Stable codes of the invoice decider's broken rules (assembly codes live beside assembly). */
export const InvoiceErrorCode = {
  NotFound: 'INVOICE.NOT_FOUND',
  AlreadyPosted: 'INVOICE.ALREADY_POSTED',
  Canceled: 'INVOICE.CANCELED',
  InError: 'INVOICE.IN_ERROR',
  NotDrafted: 'INVOICE.NOT_DRAFTED',
  PostingNotStarted: 'INVOICE.POSTING_NOT_STARTED',
  ConflictingContent: 'INVOICE.CONFLICTING_CONTENT',
  IdMismatch: 'INVOICE.ID_MISMATCH',
  InvalidNumber: 'INVOICE.INVALID_NUMBER',
  InvalidContent: 'INVOICE.INVALID_CONTENT',
} as const;
export type InvoiceErrorCode = (typeof InvoiceErrorCode)[keyof typeof InvoiceErrorCode];

/** The command cannot apply in the invoice's current status. */
export function illegalInvoiceTransition(
  code: InvoiceErrorCode,
  invoiceId: string,
  action: string,
  state: InvoiceState,
): DomainError {
  return new DomainError(
    code,
    'illegal-state',
    `Cannot ${action} invoice ${invoiceId}: it is ${state.status}`,
  );
}

/** Any command but the first needs an invoice that was recorded. */
export function invoiceNotFound(invoiceId: string, action: string): DomainError {
  return new DomainError(
    InvoiceErrorCode.NotFound,
    'not-found',
    `Cannot ${action} invoice ${invoiceId}: no invoice was recorded under this id`,
  );
}

import { DomainError } from '@invoice-engine/kernel';
import type { BillingScheduleStatus, InvoiceRunProcessingStatus, SettledStatus } from './state';
import type { BillingScheduleTerms } from './terms';

/** A status pair as given for a schedule created mid-life (DOMAIN.md section 1). */
export type GivenStatusPair =
  SettledStatus | { readonly status: 'Error'; readonly invoiceRunProcessingStatus: 'Error' };

function invalid(code: string, message: string): DomainError {
  return new DomainError(`BILLING_SCHEDULE.${code}`, 'validation', message);
}

/** The processing status a status pairs with; ReadyForInvoicing's depends on "Generate Invoice". */
function processingStatusOf(status: BillingScheduleStatus, terms: BillingScheduleTerms) {
  switch (status) {
    case 'ReadyForInvoicing':
      return terms.generateInvoice ? 'PendingBilling' : 'WillNotInvoice';
    case 'Processing':
      return 'InProgress';
    case 'CompletelyBilled':
      return 'Completed';
    case 'Error':
      return 'Error';
  }
}

function statusOf(processingStatus: InvoiceRunProcessingStatus): BillingScheduleStatus {
  switch (processingStatus) {
    case 'PendingBilling':
    case 'WillNotInvoice':
      return 'ReadyForInvoicing';
    case 'InProgress':
      return 'Processing';
    case 'Completed':
      return 'CompletelyBilled';
    case 'Error':
      return 'Error';
  }
}

function paired(
  status: BillingScheduleStatus,
  invoiceRunProcessingStatus: InvoiceRunProcessingStatus,
): GivenStatusPair {
  return { status, invoiceRunProcessingStatus } as GivenStatusPair;
}

/**
 * The status pair of a given state: one field given derives the other; both given must pair as
 * DOMAIN.md section 1 says (ReadyForInvoicing ↔ PendingBilling, or WillNotInvoice when the schedule
 * does not generate invoices; Processing ↔ InProgress; CompletelyBilled ↔ Completed; Error ↔ Error).
 * CompletelyBilled is only for a schedule with nothing left to bill, ReadyForInvoicing only for one
 * with something left. Neither given: the pair the position implies.
 */
export function givenStatusPair(
  terms: BillingScheduleTerms,
  given: {
    readonly status?: BillingScheduleStatus;
    readonly invoiceRunProcessingStatus?: InvoiceRunProcessingStatus;
  },
  derived: SettledStatus,
  nothingRemains: boolean,
): GivenStatusPair {
  const status =
    given.status ??
    (given.invoiceRunProcessingStatus === undefined ? undefined : statusOf(given.invoiceRunProcessingStatus));
  if (status === undefined) return derived;
  const expected = processingStatusOf(status, terms);
  const processingStatus = given.invoiceRunProcessingStatus ?? expected;
  if (statusOf(processingStatus) !== status) {
    throw invalid(
      'GIVEN_STATUS_PAIR_MISMATCH',
      `status ${status} does not pair with invoiceRunProcessingStatus ${processingStatus}`,
    );
  }
  if (processingStatus !== expected) {
    throw invalid(
      'GIVEN_STATUS_CONTRADICTS_GENERATE_INVOICE',
      `invoiceRunProcessingStatus ${processingStatus} contradicts generateInvoice ${String(terms.generateInvoice)}`,
    );
  }
  if (status === 'CompletelyBilled' && !nothingRemains) {
    throw invalid(
      'GIVEN_STATUS_CONTRADICTS_POSITION',
      'CompletelyBilled, yet periods remain to bill from nextChargeFromDate',
    );
  }
  if (status === 'ReadyForInvoicing' && nothingRemains) {
    throw invalid(
      'GIVEN_STATUS_CONTRADICTS_POSITION',
      'ReadyForInvoicing, yet no period remains to bill from nextChargeFromDate',
    );
  }
  return paired(status, processingStatus);
}

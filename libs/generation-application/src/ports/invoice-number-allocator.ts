/** Which invoice needs a number, and in whose numbering. */
export interface InvoiceNumberRequest {
  /** Numbers are unique and increasing per legal entity; null is one numbering of its own. */
  readonly legalEntityId: string | null;
  readonly invoiceId: string;
}

/**
 * Assigns the number of an invoice being posted (DOMAIN.md section 1: unique and increasing per legal
 * entity). Asking again for the same invoice returns the number it already got, so a redelivered tax
 * result never burns a second number.
 */
export interface InvoiceNumberAllocator {
  numberFor(request: InvoiceNumberRequest): Promise<string>;
}

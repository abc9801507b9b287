import type { PaymentTerm } from '@invoice-engine/invoicing';

/** Where invoice generation finds a payment term's due days (the scenario files' `paymentTerms[]`). */
export interface PaymentTermCatalog {
  /** The payment term, or null when no such term exists (the group then fails). */
  find(paymentTermId: string): Promise<PaymentTerm | null>;
}

/** A catalog held in memory: the terms of a configuration file or of a scenario. */
export class ListedPaymentTerms implements PaymentTermCatalog {
  private readonly byId: ReadonlyMap<string, PaymentTerm>;

  constructor(terms: readonly PaymentTerm[]) {
    const byId = new Map<string, PaymentTerm>();
    for (const term of terms) {
      if (byId.has(term.id)) throw new Error(`Payment term ${term.id} is listed twice`);
      byId.set(term.id, term);
    }
    this.byId = byId;
  }

  find(paymentTermId: string): Promise<PaymentTerm | null> {
    return Promise.resolve(this.byId.get(paymentTermId) ?? null);
  }
}

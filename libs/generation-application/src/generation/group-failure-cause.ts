import type { InvoiceFailureCategory, InvoiceFailureCause } from '@invoice-engine/invoicing';
import { DomainError } from '@invoice-engine/kernel';

/** A rule broken while completing a group: the group fails with this cause (it is not a bug). */
export class GroupFailure extends Error {
  constructor(readonly failureCause: InvoiceFailureCause) {
    super(`${failureCause.code}: ${failureCause.message}`);
    this.name = 'GroupFailure';
  }
}

/** Runs a decision; a `DomainError` it throws becomes the group's failure in `category`. */
export function failingGroupIn<T>(category: InvoiceFailureCategory, decision: () => T): T {
  try {
    return decision();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new GroupFailure({ category, code: error.code, message: error.message });
    }
    throw error;
  }
}

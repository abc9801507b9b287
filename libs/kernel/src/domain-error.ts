/** What kind of broken rule a DomainError reports; adapters map kinds to HTTP statuses and DLQ reasons. */
export type DomainErrorKind = 'validation' | 'illegal-state' | 'not-found' | 'conflict';

/** A broken invariant with a stable code (`INVOICE.ALREADY_POSTED`). Expected outcomes are events instead. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

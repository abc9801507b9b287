/** Nest injection tokens of this lib's own ports (the shared ones are in `@invoice-engine/runtime`). */
export const INVOICE_NUMBER_ALLOCATOR = Symbol('InvoiceNumberAllocator');
export const PAYMENT_TERM_CATALOG = Symbol('PaymentTermCatalog');
export const GENERATION_SETTINGS = Symbol('GenerationSettings');

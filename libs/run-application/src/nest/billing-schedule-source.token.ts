/**
 * The `BillingScheduleSource` port of the filtering service. Bound by the composition (the Postgres
 * read model in distributed mode, PGlite in embedded mode), never by the filtering module itself.
 */
export const BILLING_SCHEDULE_SOURCE = Symbol('BillingScheduleSource');

import 'reflect-metadata';

export * from './topics';
export * from './billing-vocabulary';
export * from './envelope/message-envelope';
export * from './envelope/message-contract';
export * from './envelope/message-type-registry';
export * from './envelope/parse-message';
export * from './envelope/validation-problems';
export * from './upcasting/upcaster-registry';
export * from './message-catalog';

export * from './messages/bill-to-address';
export * from './messages/group-outcome';
export * from './messages/invoice-batch-run-requested/run-criteria';
export * from './messages/invoice-batch-run-requested/run-trigger';
export * from './messages/invoice-batch-run-requested/invoice-batch-run-requested';
export * from './messages/group-work-item/group-work-item';
export * from './messages/tax-requested/tax-requested';
export * from './messages/tax-calculated/tax-calculated';
export * from './messages/tax-calculation-failed/tax-calculation-failed';
export * from './messages/group-invoiced/group-invoiced';
export * from './messages/group-failed/group-failed';
export * from './messages/filtering-completed/filtering-completed';
export * from './messages/billing-schedule-event-received/billing-schedule-terms';
export * from './messages/billing-schedule-event-received/billing-schedule-changes';
export * from './messages/billing-schedule-event-received/billing-schedule-event-received';

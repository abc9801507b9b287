export * from './terms';
export * from './terms-validation';
export * from './worked-example-terms';
export * from './state';
export * from './billing-period';
export * from './period-amounts';
export * from './position';
export * from './billing-progress';
export * from './given-state';
export * from './given-status';
export * from './billable-periods';
export * from './eligibility';
export * from './run-criteria';
export * from './decider/commands';
export * from './decider/events';
export * from './decider/billing-schedule';
export { billingScheduleDecider, decide, initialState } from './decider/billing-schedule-decider';
export { evolve } from './decider/evolve';
export * from './usage-summary/status';
export * from './usage-summary/usage-summary';
export * from './usage-summary/commands';
export * from './usage-summary/events';
export * from './usage-summary/invoiceable';
export {
  decideUsageSummary,
  initialUsageSummaryState,
  usageSummaryDecider,
} from './usage-summary/usage-summary-decider';
export { evolveUsageSummary } from './usage-summary/evolve';

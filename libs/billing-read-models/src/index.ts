export * from './billing-schedule-source';
export * from './migrations/billing-read-model-migrations';
export * from './projections/billing-projections';
export * from './projections/billing-schedules/billing-schedules.projection';
export * from './projections/invoices/invoices.projection';
export * from './projections/invoice-batch-runs/invoice-batch-runs.projection';
export * from './projections/schedulers/invoice-batch-schedulers.projection';
export * from './projections/error-logs/revenue-transaction-error-logs.projection';
export { refreshNextFireTimes } from './projections/schedulers/refresh-next-fire-times';
export { nextFireTimeOf, type SchedulerFireFacts } from './projections/schedulers/scheduler-next-fire-time';
export * from './source/postgres-billing-schedule-source';
export * from './projector/billing-projector';
export * from './projector/projector.module';
export * from './projector/rebuild-billing-projection';
export { parseCsv, type CsvRecord, type CsvTable } from './loader/csv-records';
export * from './loader/schedule-records';
export {
  validateScheduleRecords,
  type ScheduleValidation,
  type ValidSchedule,
} from './loader/schedule-validation';
export * from './loader/schedule-loader';

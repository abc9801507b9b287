export * from './billing-schedule-source';
export * from './migrations/billing-read-model-migrations';
export * from './projections/billing-projections';
export * from './projections/billing-schedules/billing-schedules.projection';
export * from './projections/invoices/invoices.projection';
export * from './projections/invoice-batch-runs/invoice-batch-runs.projection';
export * from './projections/schedulers/invoice-batch-schedulers.projection';
export * from './projections/error-logs/revenue-transaction-error-logs.projection';

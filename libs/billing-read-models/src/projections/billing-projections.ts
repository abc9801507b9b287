import type { Projection } from '@invoice-engine/read-models';
import { billingSchedulesProjection } from './billing-schedules/billing-schedules.projection';
import { revenueTransactionErrorLogsProjection } from './error-logs/revenue-transaction-error-logs.projection';
import { invoiceBatchRunsProjection } from './invoice-batch-runs/invoice-batch-runs.projection';
import { invoicesProjection } from './invoices/invoices.projection';
import { invoiceBatchSchedulersProjection } from './schedulers/invoice-batch-schedulers.projection';

/** Every projection the projector runs, by name (the name is also the checkpoint key). */
export const billingProjections: readonly Projection[] = [
  billingSchedulesProjection,
  invoicesProjection,
  invoiceBatchRunsProjection,
  invoiceBatchSchedulersProjection,
  revenueTransactionErrorLogsProjection,
];

export function billingProjectionNamed(name: string): Projection | undefined {
  return billingProjections.find((projection) => projection.name === name);
}

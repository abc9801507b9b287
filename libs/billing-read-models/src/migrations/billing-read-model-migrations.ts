import {
  readModelMigrations,
  type ReadModelDataSourceParts,
  type ReadModelMigration,
} from '@invoice-engine/read-models';
import { CreateBillingScheduleTables1767312000000 } from './1767312000000-create-billing-schedule-tables';
import { CreateInvoiceTables1767312000001 } from './1767312000001-create-invoice-tables';
import { CreateInvoiceBatchRunTables1767312000002 } from './1767312000002-create-invoice-batch-run-tables';
import { CreateSchedulerAndErrorLogTables1767312000003 } from './1767312000003-create-scheduler-and-error-log-tables';

/** The billing read-model tables, in the order they were added. Never edit one that shipped: add another. */
export const billingReadModelMigrations: readonly ReadModelMigration[] = [
  CreateBillingScheduleTables1767312000000,
  CreateInvoiceTables1767312000001,
  CreateInvoiceBatchRunTables1767312000002,
  CreateSchedulerAndErrorLogTables1767312000003,
];

/** What an app passes to `openReadModelDataSource`: the checkpoints table, then the billing tables. */
export const billingReadModelParts: ReadModelDataSourceParts = {
  migrations: [...readModelMigrations, ...billingReadModelMigrations],
  entities: [],
};

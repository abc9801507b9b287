import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const position = { type: 'numeric', precision: 20, scale: 0 } as const;
const count = { type: 'integer', default: 0 } as const;

/**
 * `invoice_batch_runs` (one row per run) and `invoice_batch_run_stages` (one row per stage event).
 *
 * Columns that some events leave out are nullable: each event upserts only the columns it determines,
 * and Postgres checks NOT NULL on the proposed row before `ON CONFLICT` turns it into an update.
 */
export class CreateInvoiceBatchRunTables1767312000002 implements MigrationInterface {
  readonly name = 'CreateInvoiceBatchRunTables1767312000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'invoice_batch_runs',
        columns: [
          { name: 'run_id', type: 'text', isPrimary: true },
          { name: 'status', type: 'text', isNullable: true },
          { name: 'status_subtype', type: 'text', isNullable: true },
          { name: 'target_date', type: 'date', isNullable: true },
          { name: 'invoice_date', type: 'date', isNullable: true },
          { name: 'invoice_status', type: 'text', isNullable: true },
          { name: 'billing_period_count', type: 'integer', isNullable: true },
          { name: 'default_currency', type: 'text', isNullable: true },
          { name: 'criteria', type: 'jsonb', isNullable: true },
          { name: 'trigger_type', type: 'text', isNullable: true },
          { name: 'trigger', type: 'jsonb', isNullable: true },
          { name: 'requested_at', type: 'timestamptz', isNullable: true },
          { name: 'started_at', type: 'timestamptz', isNullable: true },
          { name: 'completed_at', type: 'timestamptz', isNullable: true },
          { name: 'filtering_started_at', type: 'timestamptz', isNullable: true },
          { name: 'filtering_completed_at', type: 'timestamptz', isNullable: true },
          { name: 'generation_started_at', type: 'timestamptz', isNullable: true },
          { name: 'generation_completed_at', type: 'timestamptz', isNullable: true },
          { name: 'summarization_started_at', type: 'timestamptz', isNullable: true },
          { name: 'billing_schedules_scanned', ...count },
          { name: 'total_filtered_billing_schedules', ...count },
          { name: 'total_billing_schedules_processed', ...count },
          { name: 'total_billing_schedules_failed', ...count },
          { name: 'groups_expected', ...count },
          { name: 'groups_completed', ...count },
          { name: 'groups_failed', ...count },
          { name: 'total_invoices_generated', ...count },
          { name: 'total_invoices_processed', ...count },
          { name: 'total_invoices_failed', ...count },
          { name: 'total_draft_invoices', ...count },
          { name: 'total_posted_invoices', ...count },
          { name: 'excluded_by_reason', type: 'jsonb', isNullable: true },
          { name: 'total_invoiced_amount', type: 'numeric', isNullable: true },
          { name: 'total_draft_invoice_amount', type: 'numeric', isNullable: true },
          { name: 'currency', type: 'text', isNullable: true },
          { name: 'totals_by_currency', type: 'jsonb', isNullable: true },
          { name: 'canceled_by', type: 'text', isNullable: true },
          { name: 'cancel_reason', type: 'text', isNullable: true },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createIndex(
      'invoice_batch_runs',
      new TableIndex({ name: 'invoice_batch_runs_requested', columnNames: ['requested_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invoice_batch_run_stages',
        columns: [
          { name: 'run_id', type: 'text', isPrimary: true },
          { name: 'revision', ...position, isPrimary: true },
          { name: 'status_subtype', type: 'text' },
          { name: 'event_type', type: 'text' },
          { name: 'occurred_at', type: 'timestamptz' },
          { name: 'counts', type: 'jsonb' },
          { name: 'last_position', ...position },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('invoice_batch_run_stages');
    await queryRunner.dropTable('invoice_batch_runs');
  }
}

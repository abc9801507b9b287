import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const position = { type: 'numeric', precision: 20, scale: 0 } as const;

/**
 * `billing_schedules` and the tables that complete it: the periods each schedule has on invoices,
 * the status of those invoices per schedule, and schedule groups. Ids use the "C" collation so that
 * `ORDER BY billing_schedule_id` is code-point order, the order filtering and invoices use.
 *
 * Columns that some events leave out are nullable: each event upserts only the columns it determines,
 * and Postgres checks NOT NULL on the proposed row before `ON CONFLICT` turns it into an update.
 */
export class CreateBillingScheduleTables1767312000000 implements MigrationInterface {
  readonly name = 'CreateBillingScheduleTables1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'billing_schedules',
        columns: [
          { name: 'billing_schedule_id', type: 'text', isPrimary: true, collation: 'C' },
          { name: 'billing_schedule_group_id', type: 'text', isNullable: true },
          { name: 'billing_account_id', type: 'text', isNullable: true },
          { name: 'currency', type: 'text', isNullable: true },
          { name: 'billing_batch', type: 'text', isNullable: true },
          { name: 'legal_entity_id', type: 'text', isNullable: true },
          { name: 'charge_type', type: 'text', isNullable: true },
          { name: 'billing_method', type: 'text', isNullable: true },
          { name: 'billing_type', type: 'text', isNullable: true },
          { name: 'invoice_group_type', type: 'text', isNullable: true },
          { name: 'terms_at_creation', type: 'jsonb', isNullable: true },
          { name: 'unit_price', type: 'text', isNullable: true },
          { name: 'quantity', type: 'text', isNullable: true },
          { name: 'start_date', type: 'date', isNullable: true },
          { name: 'end_date', type: 'date', isNullable: true },
          { name: 'cancellation_date', type: 'date', isNullable: true },
          { name: 'suspension_from', type: 'date', isNullable: true },
          { name: 'suspension_resume_on', type: 'date', isNullable: true },
          { name: 'activated', type: 'boolean', isNullable: true },
          { name: 'hold_billing', type: 'boolean', isNullable: true },
          { name: 'generate_invoice', type: 'boolean', isNullable: true },
          { name: 'invoicing_enabled_at', type: 'timestamptz', isNullable: true },
          { name: 'status', type: 'text', isNullable: true },
          { name: 'invoice_run_processing_status', type: 'text', isNullable: true },
          { name: 'next_charge_from_date', type: 'date', isNullable: true },
          { name: 'next_billing_date', type: 'date', isNullable: true },
          { name: 'billed_through_date', type: 'date', isNullable: true },
          { name: 'billed_amount', type: 'numeric', isNullable: true },
          { name: 'pending_amount', type: 'numeric', isNullable: true },
          { name: 'failure_run_id', type: 'text', isNullable: true },
          { name: 'failure_error_code', type: 'text', isNullable: true },
          { name: 'failure_message', type: 'text', isNullable: true },
          { name: 'revision', ...position },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createIndex(
      'billing_schedules',
      new TableIndex({ name: 'billing_schedules_account', columnNames: ['billing_account_id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'billing_schedule_invoiced_periods',
        columns: [
          { name: 'billing_schedule_id', type: 'text', isPrimary: true, collation: 'C' },
          { name: 'period_start', type: 'date', isPrimary: true },
          { name: 'period_end', type: 'date' },
          { name: 'charge_amount', type: 'numeric' },
          { name: 'currency', type: 'text' },
          { name: 'run_id', type: 'text' },
          { name: 'invoice_id', type: 'text' },
          { name: 'added_position', ...position },
          { name: 'period_index', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'billing_schedule_invoices',
        columns: [
          { name: 'billing_schedule_id', type: 'text', isPrimary: true, collation: 'C' },
          { name: 'invoice_id', type: 'text', isPrimary: true },
          { name: 'run_id', type: 'text', isNullable: true },
          { name: 'invoice_status', type: 'text' },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'billing_schedule_groups',
        columns: [
          { name: 'billing_schedule_group_id', type: 'text', isPrimary: true },
          { name: 'billing_schedule_id', type: 'text', isPrimary: true, collation: 'C' },
          { name: 'last_position', ...position },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('billing_schedule_groups');
    await queryRunner.dropTable('billing_schedule_invoices');
    await queryRunner.dropTable('billing_schedule_invoiced_periods');
    await queryRunner.dropTable('billing_schedules');
  }
}

import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const position = { type: 'numeric', precision: 20, scale: 0 } as const;

/**
 * `invoices`, `invoice_lines` and `invoice_taxes`. An invoice that failed before its lines were
 * recorded has only its run, grouping key, status and failure, so the header columns are nullable.
 */
export class CreateInvoiceTables1767312000001 implements MigrationInterface {
  readonly name = 'CreateInvoiceTables1767312000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'invoices',
        columns: [
          { name: 'invoice_id', type: 'text', isPrimary: true },
          { name: 'run_id', type: 'text', isNullable: true },
          { name: 'grouping_key', type: 'text', isNullable: true },
          { name: 'chunk_index', type: 'integer', isNullable: true },
          { name: 'chunk_count', type: 'integer', isNullable: true },
          { name: 'billing_account_id', type: 'text', isNullable: true },
          { name: 'legal_entity_id', type: 'text', isNullable: true },
          { name: 'tax_engine_id', type: 'text', isNullable: true },
          { name: 'bill_to_country', type: 'text', isNullable: true },
          { name: 'bill_to_region', type: 'text', isNullable: true },
          { name: 'currency', type: 'text', isNullable: true },
          { name: 'status', type: 'text' },
          { name: 'invoice_date', type: 'date', isNullable: true },
          { name: 'due_date', type: 'date', isNullable: true },
          { name: 'posted_date', type: 'date', isNullable: true },
          { name: 'invoice_number', type: 'text', isNullable: true },
          { name: 'line_count', type: 'integer', isNullable: true },
          { name: 'subtotal', type: 'numeric', isNullable: true },
          { name: 'tax_total', type: 'numeric', isNullable: true },
          { name: 'total', type: 'numeric', isNullable: true },
          { name: 'subtotal_minor', type: 'bigint', isNullable: true },
          { name: 'tax_total_minor', type: 'bigint', isNullable: true },
          { name: 'total_minor', type: 'bigint', isNullable: true },
          { name: 'failure_category', type: 'text', isNullable: true },
          { name: 'failure_code', type: 'text', isNullable: true },
          { name: 'failure_message', type: 'text', isNullable: true },
          { name: 'cancel_reason', type: 'text', isNullable: true },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createIndex(
      'invoices',
      new TableIndex({ name: 'invoices_run', columnNames: ['run_id', 'grouping_key', 'chunk_index'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invoice_lines',
        columns: [
          { name: 'invoice_id', type: 'text', isPrimary: true },
          { name: 'line_no', type: 'integer', isPrimary: true },
          { name: 'line_id', type: 'text' },
          { name: 'billing_schedule_id', type: 'text' },
          { name: 'period_start', type: 'date' },
          { name: 'period_end', type: 'date' },
          { name: 'quantity', type: 'numeric' },
          { name: 'unit_price', type: 'numeric' },
          { name: 'currency', type: 'text' },
          { name: 'charge_amount', type: 'numeric' },
          { name: 'tax_code', type: 'text' },
          { name: 'tax_amount', type: 'numeric', isNullable: true },
          { name: 'tax_rate', type: 'numeric', isNullable: true },
          { name: 'tax_status', type: 'text', isNullable: true },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createIndex(
      'invoice_lines',
      new TableIndex({ name: 'invoice_lines_schedule', columnNames: ['billing_schedule_id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invoice_taxes',
        columns: [
          { name: 'invoice_id', type: 'text', isPrimary: true },
          { name: 'tax_status', type: 'text', isPrimary: true },
          { name: 'tax_code', type: 'text', isPrimary: true },
          { name: 'tax_rate', type: 'numeric', isPrimary: true },
          { name: 'currency', type: 'text' },
          { name: 'line_count', type: 'integer' },
          { name: 'taxable_amount', type: 'numeric' },
          { name: 'tax_amount', type: 'numeric' },
          { name: 'last_position', ...position },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('invoice_taxes');
    await queryRunner.dropTable('invoice_lines');
    await queryRunner.dropTable('invoices');
  }
}

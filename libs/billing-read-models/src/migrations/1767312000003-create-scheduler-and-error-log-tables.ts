import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const position = { type: 'numeric', precision: 20, scale: 0 } as const;

/**
 * `invoice_batch_schedulers` and `revenue_transaction_error_logs`.
 *
 * Columns that some events leave out are nullable: each event upserts only the columns it determines,
 * and Postgres checks NOT NULL on the proposed row before `ON CONFLICT` turns it into an update.
 */
export class CreateSchedulerAndErrorLogTables1767312000003 implements MigrationInterface {
  readonly name = 'CreateSchedulerAndErrorLogTables1767312000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'invoice_batch_schedulers',
        columns: [
          { name: 'scheduler_id', type: 'text', isPrimary: true },
          { name: 'name', type: 'text', isNullable: true },
          { name: 'status', type: 'text', isNullable: true },
          { name: 'frequency', type: 'text', isNullable: true },
          { name: 'time_zone', type: 'text', isNullable: true },
          { name: 'preferred_time', type: 'text', isNullable: true },
          { name: 'start_date', type: 'date', isNullable: true },
          { name: 'end_date', type: 'date', isNullable: true },
          { name: 'invoice_status', type: 'text', isNullable: true },
          { name: 'definition', type: 'jsonb', isNullable: true },
          { name: 'created_at', type: 'timestamptz', isNullable: true },
          { name: 'status_changed_at', type: 'timestamptz', isNullable: true },
          { name: 'last_fire_time', type: 'timestamptz', isNullable: true },
          { name: 'last_run_id', type: 'text', isNullable: true },
          { name: 'next_fire_time', type: 'timestamptz', isNullable: true },
          { name: 'next_fire_time_position', ...position, isNullable: true },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'revenue_transaction_error_logs',
        columns: [
          { name: 'error_log_id', type: 'text', isPrimary: true },
          { name: 'run_id', type: 'text' },
          { name: 'category', type: 'text' },
          { name: 'error_code', type: 'text' },
          { name: 'message', type: 'text' },
          { name: 'severity', type: 'text' },
          { name: 'primary_record_type', type: 'text' },
          { name: 'primary_record_id', type: 'text' },
          { name: 'grouping_key', type: 'text', isNullable: true },
          { name: 'occurred_at', type: 'timestamptz' },
          { name: 'last_position', ...position },
        ],
      }),
    );
    await queryRunner.createIndex(
      'revenue_transaction_error_logs',
      new TableIndex({ name: 'revenue_transaction_error_logs_run', columnNames: ['run_id', 'occurred_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('revenue_transaction_error_logs');
    await queryRunner.dropTable('invoice_batch_schedulers');
  }
}

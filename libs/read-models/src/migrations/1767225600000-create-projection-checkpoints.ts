import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One row per projection: the global position of the last event its rows reflect. The runner
 * writes it in the same transaction as the rows, so rows and checkpoint never disagree.
 * `numeric(20,0)` because an event store position is an unsigned 64-bit number (EventStoreDB
 * commit positions) and Postgres `bigint` is signed.
 */
export class CreateProjectionCheckpoints1767225600000 implements MigrationInterface {
  readonly name = 'CreateProjectionCheckpoints1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'projection_checkpoints',
        columns: [
          { name: 'projection_name', type: 'text', isPrimary: true },
          { name: 'position', type: 'numeric', precision: 20, scale: 0, isNullable: false },
          { name: 'updated_at', type: 'timestamptz', isNullable: false, default: 'now()' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('projection_checkpoints');
  }
}

// A test-only projection: one row per stream with the last event the projection saw on it. Its
// rows depend only on the events, so it shows the idempotent-upsert shape real projections follow.
import type { RecordedEvent } from '@invoice-engine/event-store';
import { categoryOf } from '@invoice-engine/kernel';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection/projection';
import { deleteRows, upsertRows, type RowOperation } from '../projection/row-operation';

export const ProbeEventType = {
  Opened: 'ProbeOpened',
  Touched: 'ProbeTouched',
  Closed: 'ProbeClosed',
} as const;

export class CreateStreamActivity1767225700000 implements MigrationInterface {
  readonly name = 'CreateStreamActivity1767225700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stream_activity',
        columns: [
          { name: 'stream_id', type: 'text', isPrimary: true },
          { name: 'category', type: 'text' },
          { name: 'last_event_type', type: 'text' },
          { name: 'last_revision', type: 'numeric', precision: 20, scale: 0 },
          { name: 'last_position', type: 'numeric', precision: 20, scale: 0 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stream_activity');
  }
}

function operationFor(event: RecordedEvent): RowOperation {
  if (event.type === ProbeEventType.Closed) {
    return deleteRows('stream_activity', ['stream_id'], [{ stream_id: event.streamId }]);
  }
  const row = {
    stream_id: event.streamId,
    category: categoryOf(event.streamId),
    last_event_type: event.type,
    last_revision: event.revision,
    last_position: event.position,
  };
  return upsertRows('stream_activity', ['stream_id'], [row], 'last_position');
}

export const streamActivityProjection: Projection = {
  name: 'stream-activity',
  eventTypes: [ProbeEventType.Opened, ProbeEventType.Touched, ProbeEventType.Closed],
  tables: ['stream_activity'],
  fold: (events) => events.map(operationFor),
};

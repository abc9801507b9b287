import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '@invoice-engine/event-store';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { createAppLogger, EVENT_STORE, READ_MODEL_DATA_SOURCE } from '@invoice-engine/runtime';
import { Test } from '@nestjs/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { EmbeddedInfrastructureModule } from './embedded-infrastructure.module';

const noteTaken: EventEnvelope = {
  messageId: '0b8a1c2e-0000-4000-8000-0000000000a1',
  type: 'NoteTaken',
  schemaVersion: 1,
  data: { noteId: 'kept' },
  metadata: {
    correlationId: 'run-1',
    causationId: 'request-1',
    groupingKey: null,
    runId: 'run-1',
    occurredAt: instant('2026-03-01T06:00:00.000Z'),
    producer: 'embedded-spec',
  },
};

async function boot(dataDirectory: string) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      EmbeddedInfrastructureModule.forRoot({ dataDirectory, logger: createAppLogger('embedded', 'silent') }),
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('the embedded infrastructure with a data directory', () => {
  it('keeps the events and the read models across a restart of the process', async () => {
    const dataDirectory = await mkdtemp(path.join(tmpdir(), 'invoice-engine-embedded-'));
    try {
      const first = await boot(dataDirectory);
      await first.get<EventStore>(EVENT_STORE).append('note-kept', [noteTaken], 'no-stream');
      await first.get<DataSource>(READ_MODEL_DATA_SOURCE).query('CREATE TABLE read_models.kept (name text)');
      await first.close();

      const second = await boot(dataDirectory);
      const events = await second.get<EventStore>(EVENT_STORE).readStream('note-kept');
      const tables: unknown = await second
        .get<DataSource>(READ_MODEL_DATA_SOURCE)
        .query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_models' ORDER BY 1",
        );
      await second.close();

      expect(events.map((event) => event.messageId)).toEqual([noteTaken.messageId]);
      expect(tables).toEqual([
        { table_name: 'kept' },
        { table_name: 'projection_checkpoints' },
        { table_name: 'read_model_migrations' },
      ]);
      expect((await readdir(dataDirectory)).sort()).toEqual(['event-store', 'read-models']);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

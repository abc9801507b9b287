import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError, type EventStore } from '@invoice-engine/event-store';
import {
  calendarDate,
  currencyCode,
  deterministicId,
  instant,
  money,
  type EventEnvelope,
} from '@invoice-engine/kernel';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import {
  CLOCK,
  createAppLogger,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  SettableClock,
  TAX_ENGINE,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import type { TaxEngine } from '@invoice-engine/tax';
import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { InProcessBus } from '../bus/in-process-bus';
import { InProcessTransportStrategy } from '../nest/in-process-transport-strategy';
import { EmbeddedInfrastructureModule } from './embedded-infrastructure.module';

const notes = 'embedded-spec.notes';
const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));

function envelope(type: string, messageId: string, data: object): EventEnvelope {
  return {
    messageId,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      correlationId: 'run-1',
      causationId: messageId,
      groupingKey: null,
      runId: 'run-1',
      occurredAt: clock.now(),
      producer: 'embedded-spec',
    },
  };
}

/** A service handler as the application libs write them: ports by token, load → append → publish. */
@Controller()
class NoteConsumer {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
  ) {}

  @EventPattern(notes)
  async takeNote(@Payload() message: EventEnvelope<string, { noteId: string }>): Promise<void> {
    const stream = `note-${message.data.noteId}`;
    const id = deterministicId(message.messageId, stream, 'NoteTaken', '0');
    await this.eventStore.append(stream, [envelope('NoteTaken', id, message.data)], 'any');
    await this.publisher.publish(`${notes}.taken`, [
      { key: message.data.noteId, envelope: envelope('NoteTakenNotice', id, message.data) },
    ]);
  }
}

@Module({ controllers: [NoteConsumer] })
class NoteServiceModule {}

let moduleRef: TestingModule;
let microservice: INestMicroservice;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [
      EmbeddedInfrastructureModule.forRoot({
        dataDirectory: null,
        clock,
        logger: createAppLogger('embedded', 'silent'),
      }),
      NoteServiceModule,
    ],
  }).compile();
  const bus = moduleRef.get(InProcessBus);
  microservice = moduleRef.createNestMicroservice({
    logger: false,
    strategy: new InProcessTransportStrategy(bus, {
      groupId: 'embedded',
      topics: [
        { topic: notes, partitions: 2 },
        { topic: `${notes}.taken`, partitions: 2 },
      ],
    }),
  });
  microservice.useGlobalFilters(new KafkaErrorPassthroughFilter());
  await microservice.listen();
});

afterAll(async () => {
  await microservice?.close();
});

describe('the embedded infrastructure module', () => {
  it('binds the ports: the bus publishes, the given clock tells the time, the default tax engine knows no rate', async () => {
    expect(moduleRef.get(MESSAGE_PUBLISHER)).toBe(moduleRef.get(InProcessBus));
    expect(moduleRef.get<Clock>(CLOCK).now()).toBe('2026-03-01T06:00:00.000Z');
    const usd = currencyCode('USD');
    const taxed = await moduleRef.get<TaxEngine>(TAX_ENGINE).estimate({
      invoiceId: 'invoice-1',
      invoiceDate: calendarDate('2026-03-01'),
      currency: usd,
      billToAddress: { country: 'US', region: null },
      lines: [{ lineId: 'line-1', taxCode: 'SW-STD', chargeAmount: money(100n, usd) }],
    });
    expect(taxed).toMatchObject({ outcome: 'Failed', failure: { code: 'TAX.RATE_NOT_FOUND' } });
  });

  it('appends to and reads from the event store on PGlite', async () => {
    const eventStore = moduleRef.get<EventStore>(EVENT_STORE);
    const appended = envelope('NoteTaken', '0b8a1c2e-0000-4000-8000-000000000001', { noteId: 'direct' });
    await eventStore.append('note-direct', [appended], 'no-stream');

    const [recorded, ...others] = await eventStore.readStream('note-direct');
    expect(others).toEqual([]);
    expect(recorded).toMatchObject({ ...appended, streamId: 'note-direct', revision: 0n });
  });

  it('queries the migrated read models on PGlite', async () => {
    const dataSource = moduleRef.get<DataSource>(READ_MODEL_DATA_SOURCE);
    const migrations: unknown = await dataSource.query('SELECT name FROM read_models.read_model_migrations');
    const checkpoints: unknown = await dataSource.query('SELECT * FROM read_models.projection_checkpoints');

    expect({ migrations, checkpoints }).toEqual({
      migrations: [{ name: 'CreateProjectionCheckpoints1767225600000' }],
      checkpoints: [],
    });
  });

  it('runs a service handler over the bus: the message is appended to the store and its notice published', async () => {
    const bus = moduleRef.get(InProcessBus);
    const taken: string[] = [];
    const observer = bus.subscribe({
      groupId: 'observer',
      subscriptions: [
        {
          topic: `${notes}.taken`,
          handler: (message) => Promise.resolve(void taken.push(message.key ?? '')),
        },
      ],
    });
    const request = envelope('NoteRequested', '0b8a1c2e-0000-4000-8000-000000000002', { noteId: 'via-bus' });
    await bus.publish(notes, [
      { key: 'via-bus', envelope: request },
      { key: 'via-bus', envelope: request },
    ]);
    await bus.idle();
    await observer.stop();

    const events = await moduleRef.get<EventStore>(EVENT_STORE).readStream('note-via-bus');
    expect(events.map((event) => event.type)).toEqual(['NoteTaken']);
    expect(taken).toEqual(['via-bus', 'via-bus']);
  });

  it('keeps a read-model transaction whole while an event-store append fails (two PGlite databases)', async () => {
    const dataSource = moduleRef.get<DataSource>(READ_MODEL_DATA_SOURCE);
    const eventStore = moduleRef.get<EventStore>(EVENT_STORE);
    await dataSource.query('CREATE TABLE read_models.isolation_probe (name text PRIMARY KEY)');
    const batch = dataSource.createQueryRunner();
    await batch.connect();
    await batch.startTransaction();
    await batch.query("INSERT INTO read_models.isolation_probe VALUES ('projected row')");
    const conflicting = eventStore.append(
      'note-direct',
      [envelope('NoteTaken', '0b8a1c2e-0000-4000-8000-000000000003', { noteId: 'direct' })],
      'no-stream',
    );
    await expect(conflicting).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await batch.query("INSERT INTO read_models.isolation_probe VALUES ('checkpoint')");
    await batch.commitTransaction();
    await batch.release();

    const rows: unknown = await dataSource.query(
      'SELECT name FROM read_models.isolation_probe ORDER BY name',
    );
    expect(rows).toEqual([{ name: 'checkpoint' }, { name: 'projected row' }]);
  });
});

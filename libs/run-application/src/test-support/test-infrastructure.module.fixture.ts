import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@invoice-engine/event-store';
import {
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';

/** Binds the runtime tokens to what a test built (real PostgreSQL, a recording publisher, a settable clock). Test-only. */
@Global()
@Module({})
export class TestInfrastructureModule {
  static forPorts(ports: {
    readonly eventStore: EventStore;
    readonly publisher: MessagePublisher;
    readonly clock: Clock;
    readonly dataSource: DataSource;
  }): DynamicModule {
    return {
      module: TestInfrastructureModule,
      providers: [
        { provide: EVENT_STORE, useValue: ports.eventStore },
        { provide: MESSAGE_PUBLISHER, useValue: ports.publisher },
        { provide: CLOCK, useValue: ports.clock },
        { provide: READ_MODEL_DATA_SOURCE, useValue: ports.dataSource },
      ],
      exports: [EVENT_STORE, MESSAGE_PUBLISHER, CLOCK, READ_MODEL_DATA_SOURCE],
    };
  }
}

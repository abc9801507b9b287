import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { KafkaErrorPassthroughFilter, KafkaMessageContext } from '@invoice-engine/messaging';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { testEnvelope } from '../bus/bus.fixture';
import { InProcessBus } from '../bus/in-process-bus';
import { InProcessTransportStrategy, type InProcessTransportOptions } from './in-process-transport-strategy';

const wholeSlices = 'nest-tax-requests';
const slicesOfTwo = 'nest-group-results';

interface Call {
  readonly topic: string;
  readonly sequences: readonly number[];
  readonly contextOffset: string;
}

@Injectable()
class Calls {
  readonly received: Call[] = [];
}

type Sequenced = EventEnvelope<string, { readonly sequence: number }>;

@Controller()
class BatchConsumer {
  constructor(@Inject(Calls) private readonly calls: Calls) {}

  @EventPattern(wholeSlices, { batch: true })
  onWholeSlice(@Payload() envelopes: readonly Sequenced[], @Ctx() context: KafkaMessageContext): void {
    this.record(wholeSlices, envelopes, context);
  }

  @EventPattern(slicesOfTwo, { batch: true, maxBatchMessages: 2 })
  onSliceOfTwo(@Payload() envelopes: readonly Sequenced[], @Ctx() context: KafkaMessageContext): void {
    this.record(slicesOfTwo, envelopes, context);
  }

  private record(topic: string, envelopes: readonly Sequenced[], context: KafkaMessageContext): void {
    this.calls.received.push({
      topic,
      sequences: envelopes.map((envelope) => envelope.data.sequence),
      contextOffset: context.getOffset(),
    });
  }
}

async function callsAfterFivePublished(
  options: Partial<InProcessTransportOptions>,
): Promise<readonly Call[]> {
  const bus = new InProcessBus({
    topics: [
      { topic: wholeSlices, partitions: 2 },
      { topic: slicesOfTwo, partitions: 2 },
    ],
  });
  for (const topic of [wholeSlices, slicesOfTwo]) {
    await bus.publish(
      topic,
      [1, 2, 3, 4, 5].map((sequence) => ({
        key: 'run-1',
        envelope: testEnvelope('Sequenced', { sequence }),
      })),
    );
  }
  const moduleRef = await Test.createTestingModule({
    controllers: [BatchConsumer],
    providers: [Calls],
  }).compile();
  const app = moduleRef.createNestMicroservice({
    logger: false,
    strategy: new InProcessTransportStrategy(bus, { groupId: 'batches', ...options }),
  });
  app.useGlobalFilters(new KafkaErrorPassthroughFilter());
  await app.listen();
  try {
    await bus.idle();
    return app.get(Calls).received;
  } finally {
    await app.close();
  }
}

function callsOn(calls: readonly Call[], topic: string): readonly Call[] {
  return calls.filter((call) => call.topic === topic);
}

describe('@EventPattern(topic, { batch: true }) on the in-process transport', () => {
  it("gets an array of the envelopes its partition holds and the last one's context, at most its own maxBatchMessages", async () => {
    const calls = await callsAfterFivePublished({});

    expect(callsOn(calls, wholeSlices)).toEqual([
      { topic: wholeSlices, sequences: [1, 2, 3, 4, 5], contextOffset: '4' },
    ]);
    expect(callsOn(calls, slicesOfTwo)).toEqual([
      { topic: slicesOfTwo, sequences: [1, 2], contextOffset: '1' },
      { topic: slicesOfTwo, sequences: [3, 4], contextOffset: '3' },
      { topic: slicesOfTwo, sequences: [5], contextOffset: '4' },
    ]);
  });

  it("takes the transport's maxBatchMessages for handlers that do not give their own", async () => {
    const calls = await callsAfterFivePublished({ maxBatchMessages: 3 });

    expect(callsOn(calls, wholeSlices).map((call) => call.sequences)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(callsOn(calls, slicesOfTwo).map((call) => call.sequences)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { PermanentError, TransientError, type ConsumedMessage } from '@invoice-engine/messaging';
import { dataOf, deferred, fastRetries, sleep, testEnvelope } from './bus.fixture';
import { InProcessBus } from './in-process-bus';

interface Payment {
  readonly customer: string;
  readonly cents: number;
}

const topic = 'payments';

function payment(customer: string, cents: number) {
  return { key: customer, envelope: testEnvelope('PaymentNoted', { customer, cents }) };
}

describe('delivery on the in-process bus', () => {
  it('is at least once, and a handler that dedupes by message id has exactly-once effect', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 4 }] });
    const processedMessageIds = new Set<string>();
    const attempts = new Map<string, number>();
    let deliveries = 0;
    let totalCents = 0;
    bus.subscribe({
      groupId: 'ledger',
      retryPolicy: fastRetries,
      subscriptions: [
        {
          topic,
          handler: (message: ConsumedMessage) => {
            deliveries += 1;
            const { messageId } = message.envelope;
            // The effect and the dedupe mark commit together (as an append with a deterministic id does).
            if (!processedMessageIds.has(messageId)) {
              processedMessageIds.add(messageId);
              totalCents += dataOf<Payment>(message).cents;
            }
            // The first attempt's acknowledgement is lost after the effect: the message comes again.
            const attempt = (attempts.get(messageId) ?? 0) + 1;
            attempts.set(messageId, attempt);
            return attempt === 1
              ? Promise.reject(new TransientError('lost the acknowledgement'))
              : Promise.resolve();
          },
        },
      ],
    });
    const messages = Array.from({ length: 30 }, (_unused, index) =>
      payment(`customer-${index % 7}`, index + 1),
    );
    await bus.publish(topic, messages);
    // A producer retry publishes the same messages (same ids) once more.
    await bus.publish(topic, messages.slice(0, 10));
    await bus.idle();

    expect(deliveries).toBe(2 * 30 + 10);
    expect(totalCents).toBe((30 * 31) / 2);
  });

  it('gives every message to each consumer group, whatever the other group does with it', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 2 }] });
    const byGroup = { invoicing: [] as number[], reporting: [] as number[] };
    for (const groupId of ['invoicing', 'reporting'] as const) {
      bus.subscribe({
        groupId,
        subscriptions: [
          {
            topic,
            handler: (message) => {
              const { cents } = dataOf<Payment>(message);
              if (groupId === 'invoicing' && cents === 2)
                return Promise.reject(new PermanentError('refused'));
              byGroup[groupId].push(cents);
              return Promise.resolve();
            },
          },
        ],
      });
    }
    await bus.publish(topic, [payment('customer-1', 1), payment('customer-1', 2), payment('customer-1', 3)]);
    await bus.idle();

    expect(byGroup).toEqual({ invoicing: [1, 3], reporting: [1, 2, 3] });
    expect(bus.deadLetters(topic).map((letter) => letter.headers['dlq-consumer-group'])).toEqual([
      'invoicing',
    ]);
  });

  it('gives a group that subscribes late what was published before it joined', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 2 }] });
    await bus.publish(topic, [payment('customer-1', 1), payment('customer-2', 2)]);
    const received: number[] = [];
    bus.subscribe({
      groupId: 'late',
      subscriptions: [
        { topic, handler: (message) => Promise.resolve(void received.push(dataOf<Payment>(message).cents)) },
      ],
    });
    await bus.idle();

    expect(received.sort()).toEqual([1, 2]);
  });

  it('delivers a message interrupted by a stop again when the group comes back, and only that one', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 1 }] });
    const firstRun: number[] = [];
    const failing = deferred();
    const consumer = bus.subscribe({
      groupId: 'ledger',
      retryPolicy: { initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      subscriptions: [
        {
          topic,
          handler: (message) => {
            const { cents } = dataOf<Payment>(message);
            firstRun.push(cents);
            if (cents !== 2) return Promise.resolve();
            failing.resolve();
            return Promise.reject(new TransientError('database restarting'));
          },
        },
      ],
    });
    await bus.publish(topic, [payment('customer-1', 1), payment('customer-1', 2), payment('customer-1', 3)]);
    await failing.promise;
    await consumer.stop();
    expect(bus.isIdle).toBe(true);

    const secondRun: number[] = [];
    bus.subscribe({
      groupId: 'ledger',
      subscriptions: [
        { topic, handler: (message) => Promise.resolve(void secondRun.push(dataOf<Payment>(message).cents)) },
      ],
    });
    await bus.idle();

    expect({ firstRun, secondRun }).toEqual({ firstRun: [1, 2], secondRun: [2, 3] });
  });
});

describe('idle() of the in-process bus', () => {
  it('resolves at once when nothing is waiting', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 2 }] });
    await bus.publish(topic, [payment('customer-1', 1)]);
    expect(bus.isIdle).toBe(true);
    await bus.idle();
  });

  it('waits for the messages handlers publish on the way, until the whole chain has settled', async () => {
    const bus = new InProcessBus({
      topics: [
        { topic: 'runs', partitions: 2 },
        { topic, partitions: 4 },
      ],
    });
    const settled: string[] = [];
    bus.subscribe({
      groupId: 'run-handler',
      subscriptions: [
        {
          topic: 'runs',
          handler: async (message) => {
            await sleep(5);
            const run = message.envelope.messageId;
            await bus.publish(
              topic,
              [1, 2, 3].map((cents) => payment(`${run}-customer-${cents}`, cents)),
            );
          },
        },
      ],
    });
    bus.subscribe({
      groupId: 'payment-handler',
      subscriptions: [
        {
          topic,
          handler: async (message) => {
            await sleep(3);
            settled.push(message.key ?? '');
          },
        },
      ],
    });
    await bus.publish(
      'runs',
      ['run-1', 'run-2'].map((run) => ({ key: run, envelope: testEnvelope('RunStarted', {}, run) })),
    );
    expect(bus.isIdle).toBe(false);
    await bus.idle();

    expect(settled).toHaveLength(6);
    expect(bus.lagOf('payment-handler', topic)).toBe(0);
  });
});

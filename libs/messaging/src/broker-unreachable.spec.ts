import { describe, expect, it } from '@jest/globals';
import { connectOrExplain, isBrokerUnreachable, KafkaBrokerUnreachableError } from './broker-unreachable';
import { KafkaConnectionConfig } from './kafka-connection-config';

function kafkaError(name: string, message: string, originalError?: Error): Error {
  const error = new Error(message) as Error & { originalError?: Error };
  error.name = name;
  if (originalError) {
    error.originalError = originalError;
  }
  return error;
}

const refused = kafkaError(
  'KafkaJSNumberOfRetriesExceeded',
  'Connection error: connect ECONNREFUSED 127.0.0.1:19092',
  kafkaError('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED 127.0.0.1:19092'),
);

const connection = Object.assign(new KafkaConnectionConfig(), {
  brokers: ['127.0.0.1:19092'],
  clientId: 'billing',
});

describe('a broker that cannot be reached', () => {
  it('is recognised through kafkajs retry wrappers', () => {
    expect(isBrokerUnreachable(refused)).toBe(true);
    expect(isBrokerUnreachable(new Error('Topic authorization failed'))).toBe(false);
  });

  it('becomes one error naming the address and how to start the local broker', async () => {
    const failing = { connect: () => Promise.reject(refused) };
    const connect = connectOrExplain(failing, connection);
    await expect(connect).rejects.toBeInstanceOf(KafkaBrokerUnreachableError);
    await expect(connectOrExplain(failing, connection)).rejects.toThrow(
      'Cannot reach the Kafka broker at 127.0.0.1:19092 (client "billing"): ' +
        'Connection error: connect ECONNREFUSED 127.0.0.1:19092. ' +
        'For local development start the broker with `npm run kafka -- start` (or `bash tools/kafka start`)',
    );
  });

  it('leaves other connect errors as they are', async () => {
    const denied = new Error('SASL authentication failed');
    await expect(connectOrExplain({ connect: () => Promise.reject(denied) }, connection)).rejects.toBe(
      denied,
    );
  });
});

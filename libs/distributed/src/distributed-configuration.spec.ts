import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfiguration } from '@invoice-engine/config';
import { ALL_TOPICS, Topics } from '@invoice-engine/contracts';
import { DistributedConfiguration } from './distributed-configuration';
import { pipelineMessageClasses, TOPICS_PARSED_BY_THEIR_HANDLERS } from './pipeline-topics';
import { consumerGroupIdOf } from './start-distributed-service';

describe('the Kafka consumption settings of a distributed service', () => {
  it('handles as many partitions at once as the work topics have, and commits every 500 ms, by default', () => {
    const configuration = loadConfiguration('probe', DistributedConfiguration, {});
    expect(configuration.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY).toBe(24);
    expect(configuration.KAFKA_COMMIT_INTERVAL_MS).toBe(500);
  });

  it('hands batch handlers slices of KAFKA_BATCH_SLICE messages, a whole number from 1 to 10,000', () => {
    expect(loadConfiguration('probe', DistributedConfiguration, {}).KAFKA_BATCH_SLICE).toBe(50);
    expect(
      loadConfiguration('probe', DistributedConfiguration, { KAFKA_BATCH_SLICE: '500' }).KAFKA_BATCH_SLICE,
    ).toBe(500);
    for (const wrong of ['0', '10001', 'many']) {
      expect(() =>
        loadConfiguration('probe', DistributedConfiguration, { KAFKA_BATCH_SLICE: wrong }),
      ).toThrow(/KAFKA_BATCH_SLICE/);
    }
  });

  it('reads both from the environment', () => {
    const configuration = loadConfiguration('probe', DistributedConfiguration, {
      KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '6',
      KAFKA_COMMIT_INTERVAL_MS: '200',
    });
    expect(configuration.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY).toBe(6);
    expect(configuration.KAFKA_COMMIT_INTERVAL_MS).toBe(200);
  });

  it('fails at boot, naming the variables, when they are not whole numbers in range', () => {
    const load = () =>
      loadConfiguration('probe', DistributedConfiguration, {
        KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '0',
        KAFKA_COMMIT_INTERVAL_MS: 'often',
      });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY/);
    expect(load).toThrow(/KAFKA_COMMIT_INTERVAL_MS \(got "often"\)/);
  });
});

describe('the consumer groups of a service', () => {
  it('are named after the service, a dedicated group after its name too, both with the suffix', () => {
    expect(consumerGroupIdOf('invoice-generation', '')).toBe('invoice-generation');
    expect(consumerGroupIdOf('invoice-generation', '-e2e_1')).toBe('invoice-generation-e2e_1');
    expect(consumerGroupIdOf('invoice-generation', '-e2e_1', 'tax-results')).toBe(
      'invoice-generation.tax-results-e2e_1',
    );
  });
});

describe('the message classes the transport validates data with', () => {
  it('cover every topic but those parsed by their handlers, which are checked for their envelope only', () => {
    const classes = pipelineMessageClasses();
    expect(Object.keys(classes)).toEqual(
      ALL_TOPICS.filter((topic) => !TOPICS_PARSED_BY_THEIR_HANDLERS.includes(topic)),
    );
    expect(classes[Topics.InvoiceBatchRuns]?.['InvoiceBatchRunRequested']).toBeDefined();
    for (const topic of [Topics.GroupWork, Topics.TaxRequests, Topics.TaxResults]) {
      expect(classes[topic]).toBeUndefined();
    }
  });
});

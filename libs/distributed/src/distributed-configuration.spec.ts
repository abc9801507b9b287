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

describe('the Kafka security settings of a distributed service', () => {
  const load = (environment: Record<string, string>) =>
    loadConfiguration('probe', DistributedConfiguration, environment);
  const problemsOf = (environment: Record<string, string>): string => {
    try {
      load(environment);
    } catch (error: unknown) {
      if (error instanceof ConfigurationError) return error.message;
      throw error;
    }
    throw new Error('expected a ConfigurationError');
  };
  const password = 'hunter2-do-not-log';

  it('leave TLS and SASL off by default', () => {
    const configuration = load({});
    expect(configuration.KAFKA_SSL).toBe(false);
    expect(configuration.KAFKA_SASL_MECHANISM).toBeUndefined();
    expect(configuration.KAFKA_SSL_CA_FILE).toBeUndefined();
  });

  it('take TLS with a CA, a client certificate and its key, and SASL with all three of its variables', () => {
    const configuration = load({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/etc/kafka-tls/ca.crt',
      KAFKA_SSL_CERT_FILE: '/etc/kafka-tls/tls.crt',
      KAFKA_SSL_KEY_FILE: '/etc/kafka-tls/tls.key',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'invoice-engine',
      KAFKA_SASL_PASSWORD: password,
    });
    expect(configuration).toMatchObject({
      KAFKA_SSL: true,
      KAFKA_SSL_CA_FILE: '/etc/kafka-tls/ca.crt',
      KAFKA_SSL_CERT_FILE: '/etc/kafka-tls/tls.crt',
      KAFKA_SSL_KEY_FILE: '/etc/kafka-tls/tls.key',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'invoice-engine',
      KAFKA_SASL_PASSWORD: password,
    });
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'])(
    'take the SASL mechanism %s, without TLS too',
    (mechanism) => {
      const configuration = load({
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: 'invoice-engine',
        KAFKA_SASL_PASSWORD: password,
      });
      expect(configuration.KAFKA_SASL_MECHANISM).toBe(mechanism);
      expect(configuration.KAFKA_SSL).toBe(false);
    },
  );

  it('take KAFKA_SSL as true/false or 1/0 and name it when it is anything else', () => {
    expect(load({ KAFKA_SSL: '1' }).KAFKA_SSL).toBe(true);
    expect(load({ KAFKA_SSL: 'false' }).KAFKA_SSL).toBe(false);
    expect(problemsOf({ KAFKA_SSL: 'yes' })).toMatch(/KAFKA_SSL \(got "yes"\)/);
  });

  it('name an unknown SASL mechanism', () => {
    expect(
      problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: password }),
    ).toMatch(/KAFKA_SASL_MECHANISM \(got "gssapi"\): KAFKA_SASL_MECHANISM must be one of/);
  });

  it('name the missing user name and password of a mechanism, without showing the password', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain' })).toContain(
      'KAFKA_SASL_MECHANISM (got "plain"): KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD set as well',
    );
    const withoutUserName = problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: password });
    expect(withoutUserName).toContain('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME set as well');
    expect(withoutUserName).toContain(
      `KAFKA_SASL_PASSWORD (got a value of ${password.length} characters, not shown): KAFKA_SASL_PASSWORD needs KAFKA_SASL_USERNAME set as well`,
    );
    expect(withoutUserName).not.toContain(password);
  });

  it('name the missing mechanism of a user name and password, without showing the password', () => {
    const message = problemsOf({ KAFKA_SASL_USERNAME: 'invoice-engine', KAFKA_SASL_PASSWORD: password });
    expect(message).toContain('KAFKA_SASL_USERNAME needs KAFKA_SASL_MECHANISM set as well');
    expect(message).toContain('KAFKA_SASL_PASSWORD needs KAFKA_SASL_MECHANISM set as well');
    expect(message).not.toContain(password);
    expect(problemsOf({ KAFKA_SASL_PASSWORD: password })).not.toContain(password);
  });

  it('name a PEM file given while KAFKA_SSL is off', () => {
    const message = problemsOf({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '/etc/kafka-tls/ca.crt' });
    expect(message).toContain(
      'KAFKA_SSL_CA_FILE (got "/etc/kafka-tls/ca.crt"): KAFKA_SSL_CA_FILE is used only with KAFKA_SSL=true',
    );
  });

  it('name the missing half of a client certificate and key', () => {
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/tls.crt' })).toContain(
      'KAFKA_SSL_CERT_FILE needs KAFKA_SSL_KEY_FILE set as well',
    );
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_KEY_FILE: '/tls.key' })).toContain(
      'KAFKA_SSL_KEY_FILE needs KAFKA_SSL_CERT_FILE set as well',
    );
  });

  it('treat an empty variable as unset', () => {
    const configuration = load({ KAFKA_SASL_MECHANISM: '', KAFKA_SASL_USERNAME: '', KAFKA_SSL_CA_FILE: '' });
    expect(configuration.KAFKA_SASL_MECHANISM).toBeUndefined();
    expect(configuration.KAFKA_SSL_CA_FILE).toBeUndefined();
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

import { describe, expect, it } from '@jest/globals';
import { KafkaConfigError, kafkaConnectionConfig, KafkaConnectionConfig } from './kafka-connection-config';

describe('a Kafka connection config', () => {
  it('accepts brokers and a client id, with SASL and TLS optional', () => {
    const config = kafkaConnectionConfig({
      brokers: ['127.0.0.1:9092', 'kafka-1.internal:9093'],
      clientId: 'invoice-generation',
      tls: { rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'secret' },
    });
    expect(config).toBeInstanceOf(KafkaConnectionConfig);
    expect(config.sasl?.mechanism).toBe('scram-sha-512');
  });

  it('takes a client certificate together with its key, and names the one that is missing', () => {
    const withBoth = kafkaConnectionConfig({
      brokers: ['127.0.0.1:9093'],
      clientId: 'x',
      tls: { caPem: 'ca', certPem: 'cert', keyPem: 'key' },
    });
    expect(withBoth.tls).toEqual({ caPem: 'ca', certPem: 'cert', keyPem: 'key' });
    expect(() =>
      kafkaConnectionConfig({ brokers: ['127.0.0.1:9093'], clientId: 'x', tls: { certPem: 'cert' } }),
    ).toThrow(/tls\.keyPem/);
    expect(() =>
      kafkaConnectionConfig({ brokers: ['127.0.0.1:9093'], clientId: 'x', tls: { keyPem: 'key' } }),
    ).toThrow(/tls\.certPem/);
  });

  it('lists every violation in one error', () => {
    const parse = () => kafkaConnectionConfig({ brokers: ['localhost'], clientId: '', connectRetries: 99 });
    expect(parse).toThrow(KafkaConfigError);
    try {
      parse();
    } catch (error: unknown) {
      expect((error as KafkaConfigError).violations).toEqual([
        'brokers: each broker must be host:port, got ["localhost"]',
        'clientId: clientId should not be empty',
        'connectRetries: connectRetries must not be greater than 10',
      ]);
    }
  });

  it('names the nested field of a bad SASL mechanism', () => {
    expect(() =>
      kafkaConnectionConfig({
        brokers: ['127.0.0.1:9092'],
        clientId: 'x',
        sasl: { mechanism: 'gssapi', username: 'u', password: 'p' },
      }),
    ).toThrow(/sasl\.mechanism/);
  });

  it('rejects unknown settings instead of ignoring a typo', () => {
    expect(() => kafkaConnectionConfig({ brokers: ['127.0.0.1:9092'], clientId: 'x', broker: 'y' })).toThrow(
      /broker: property broker should not exist/,
    );
  });

  it('rejects something that is not an object', () => {
    expect(() => kafkaConnectionConfig('127.0.0.1:9092')).toThrow(KafkaConfigError);
  });
});

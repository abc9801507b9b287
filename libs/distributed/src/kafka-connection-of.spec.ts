import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfiguration } from '@invoice-engine/config';
import { DistributedConfiguration } from './distributed-configuration';
import { kafkaConnectionOf, type ReadTextFile } from './kafka-connection-of';

const caPem = '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n';
const certPem = '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n';
const keyPem = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----\n';
const password = 'hunter2-do-not-log';

/** Files as a mounted Secret would hold them; any other path does not exist. */
function filesOf(files: Record<string, string>): { read: ReadTextFile; paths: string[] } {
  const paths: string[] = [];
  const read: ReadTextFile = (path) => {
    paths.push(path);
    const contents = files[path];
    if (contents === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    }
    return contents;
  };
  return { read, paths };
}

const configurationOf = (environment: Record<string, string>) =>
  loadConfiguration('invoice-generation', DistributedConfiguration, environment);

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('the Kafka connection of a service', () => {
  it('reaches the brokers in plain text, as the service, when no security variable is set', () => {
    const files = filesOf({});
    const connection = kafkaConnectionOf(
      'invoice-generation',
      configurationOf({ KAFKA_BROKERS: 'k1:9092,k2:9092' }),
      files.read,
    );
    expect(connection.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(connection.clientId).toBe('invoice-generation');
    expect(connection.tls).toBeUndefined();
    expect(connection.sasl).toBeUndefined();
    expect(files.paths).toEqual([]);
  });

  it('turns TLS on with KAFKA_SSL alone, verifying the brokers against the system CAs', () => {
    const connection = kafkaConnectionOf('tax', configurationOf({ KAFKA_SSL: 'true' }), filesOf({}).read);
    expect(connection.tls).toEqual({});
    expect(connection.tls?.rejectUnauthorized).not.toBe(false);
  });

  it('reads the CA, the client certificate and its key from their files once, at boot', () => {
    const files = filesOf({ '/tls/ca.crt': caPem, '/tls/tls.crt': certPem, '/tls/tls.key': keyPem });
    const connection = kafkaConnectionOf(
      'tax',
      configurationOf({
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: '/tls/ca.crt',
        KAFKA_SSL_CERT_FILE: '/tls/tls.crt',
        KAFKA_SSL_KEY_FILE: '/tls/tls.key',
      }),
      files.read,
    );
    expect(connection.tls).toEqual({ caPem, certPem, keyPem });
    expect(files.paths).toEqual(['/tls/ca.crt', '/tls/tls.crt', '/tls/tls.key']);
  });

  it('authenticates with SASL when its three variables are set', () => {
    const connection = kafkaConnectionOf(
      'tax',
      configurationOf({
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'invoice-engine',
        KAFKA_SASL_PASSWORD: password,
      }),
      filesOf({}).read,
    );
    expect(connection.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'invoice-engine', password });
    expect(connection.tls).toEqual({});
  });

  it('stops the service naming every file it cannot read, with the path and the reason', () => {
    const message = problemsOf(() =>
      kafkaConnectionOf(
        'tax',
        configurationOf({
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: '/tls/missing-ca.crt',
          KAFKA_SSL_CERT_FILE: '/tls/tls.crt',
          KAFKA_SSL_KEY_FILE: '/tls/missing.key',
          KAFKA_SASL_MECHANISM: 'plain',
          KAFKA_SASL_USERNAME: 'invoice-engine',
          KAFKA_SASL_PASSWORD: password,
        }),
        filesOf({ '/tls/tls.crt': certPem }).read,
      ),
    );
    expect(message).toContain('tax: invalid configuration');
    expect(message).toContain(
      'KAFKA_SSL_CA_FILE (got "/tls/missing-ca.crt"): cannot read the file (ENOENT: no such file)',
    );
    expect(message).toContain(
      'KAFKA_SSL_KEY_FILE (got "/tls/missing.key"): cannot read the file (ENOENT: no such file)',
    );
    expect(message).not.toContain('KAFKA_SSL_CERT_FILE');
    expect(message).not.toContain(password);
  });

  it('reads from disk by default, so a path that does not exist stops the service', () => {
    const configuration = configurationOf({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/nonexistent/invoice-engine/ca.crt',
    });
    expect(problemsOf(() => kafkaConnectionOf('tax', configuration))).toContain(
      'KAFKA_SSL_CA_FILE (got "/nonexistent/invoice-engine/ca.crt"): cannot read the file (ENOENT: no such file)',
    );
  });

  it('names a file that holds no PEM block of the expected kind, without showing what it holds', () => {
    const message = problemsOf(() =>
      kafkaConnectionOf(
        'tax',
        configurationOf({
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: '/tls/tls.key',
          KAFKA_SSL_CERT_FILE: '/tls/tls.crt',
          KAFKA_SSL_KEY_FILE: '/tls/tls.crt',
        }),
        filesOf({ '/tls/tls.crt': certPem, '/tls/tls.key': keyPem }).read,
      ),
    );
    expect(message).toContain('KAFKA_SSL_CA_FILE (got "/tls/tls.key"): the file holds no PEM CERTIFICATE');
    expect(message).toContain(
      'KAFKA_SSL_KEY_FILE (got "/tls/tls.crt"): the file holds no PEM PRIVATE KEY (unencrypted)',
    );
    expect(message).not.toContain('c2VjcmV0LWtleQ');
  });

  it('rejects an encrypted private key, which it would need a passphrase for', () => {
    const encryptedKey = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nZW5j\n-----END ENCRYPTED PRIVATE KEY-----\n';
    const message = problemsOf(() =>
      kafkaConnectionOf(
        'tax',
        configurationOf({
          KAFKA_SSL: 'true',
          KAFKA_SSL_CERT_FILE: '/tls.crt',
          KAFKA_SSL_KEY_FILE: '/tls.key',
        }),
        filesOf({ '/tls.crt': certPem, '/tls.key': encryptedKey }).read,
      ),
    );
    expect(message).toContain(
      'KAFKA_SSL_KEY_FILE (got "/tls.key"): the file holds no PEM PRIVATE KEY (unencrypted)',
    );
  });
});

import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@invoice-engine/config';
import { kafkaConnectionConfig, type KafkaConnectionConfig } from '@invoice-engine/messaging';
import type { DistributedConfiguration } from './distributed-configuration';

/** Reads a whole text file; the services read their PEM files from disk (a mounted Kubernetes Secret). */
export type ReadTextFile = (path: string) => string;

const readUtf8File: ReadTextFile = (path) => readFileSync(path, 'utf8');

type KafkaSecurityVariables = Pick<
  DistributedConfiguration,
  | 'KAFKA_BROKERS'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA_FILE'
  | 'KAFKA_SSL_CERT_FILE'
  | 'KAFKA_SSL_KEY_FILE'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

type PemFileVariable = 'KAFKA_SSL_CA_FILE' | 'KAFKA_SSL_CERT_FILE' | 'KAFKA_SSL_KEY_FILE';

/** The PEM block each file must hold, so a mixed-up file fails at boot instead of in the TLS handshake. */
const expectedPemBlock: Record<PemFileVariable, { readonly label: string; readonly begins: RegExp }> = {
  KAFKA_SSL_CA_FILE: { label: 'CERTIFICATE', begins: /-----BEGIN CERTIFICATE-----/ },
  KAFKA_SSL_CERT_FILE: { label: 'CERTIFICATE', begins: /-----BEGIN CERTIFICATE-----/ },
  KAFKA_SSL_KEY_FILE: {
    label: 'PRIVATE KEY (unencrypted)',
    begins: /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/,
  },
};

const meaningOfErrorCode: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'a directory, not a file',
};

/** The error code with what it means (`ENOENT: no such file`); file-system errors are checked by shape, not class. */
function whyUnreadable(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string')
    return meaningOfErrorCode[code] ? `${code}: ${meaningOfErrorCode[code]}` : code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Kafka connection of a service: its brokers, and TLS and SASL when its configuration turns them
 * on. Reads the PEM files once, at boot; a file that cannot be read or holds no PEM block of the
 * expected kind stops the service with a `ConfigurationError` naming the variable and the path (never
 * the file's contents). The SASL password travels only inside the returned connection.
 */
export function kafkaConnectionOf(
  service: string,
  configuration: KafkaSecurityVariables,
  readTextFile: ReadTextFile = readUtf8File,
): KafkaConnectionConfig {
  const problems: string[] = [];
  const pemOf = (variable: PemFileVariable): string | undefined => {
    const path = configuration[variable];
    if (path === undefined) return undefined;
    let contents: string;
    try {
      contents = readTextFile(path);
    } catch (error: unknown) {
      problems.push(
        `${variable} (got ${JSON.stringify(path)}): cannot read the file (${whyUnreadable(error)})`,
      );
      return undefined;
    }
    const expected = expectedPemBlock[variable];
    if (!expected.begins.test(contents)) {
      problems.push(`${variable} (got ${JSON.stringify(path)}): the file holds no PEM ${expected.label}`);
      return undefined;
    }
    return contents;
  };
  const tls = configuration.KAFKA_SSL
    ? {
        ...optional('caPem', pemOf('KAFKA_SSL_CA_FILE')),
        ...optional('certPem', pemOf('KAFKA_SSL_CERT_FILE')),
        ...optional('keyPem', pemOf('KAFKA_SSL_KEY_FILE')),
      }
    : undefined;
  if (problems.length > 0) throw new ConfigurationError(service, problems);
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = configuration;
  const password = configuration.KAFKA_SASL_PASSWORD;
  const sasl =
    mechanism !== undefined && username !== undefined && password !== undefined
      ? { mechanism, username, password }
      : undefined;
  return kafkaConnectionConfig({
    brokers: configuration.KAFKA_BROKERS,
    clientId: service,
    ...optional('tls', tls),
    ...optional('sasl', sasl),
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

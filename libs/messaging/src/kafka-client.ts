import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { assertValidKafkaConnectionConfig, type KafkaConnectionConfig } from './kafka-connection-config';
import { kafkaLogCreator, type MessagingLogger } from './messaging-logger';

/** A kafkajs client together with the settings it was built from, so errors can name the brokers. */
export interface KafkaClient {
  readonly kafka: Kafka;
  readonly connection: KafkaConnectionConfig;
  readonly logger: MessagingLogger;
}

const defaultConnectionTimeoutMs = 3000;
const defaultConnectRetries = 2;

/**
 * Creates a kafkajs client from a validated connection config. Connecting fails fast (a short
 * connection timeout and few retries) so that a missing broker gives one clear error within seconds
 * instead of a minute of retries; kafkajs' logs go to the structured logger.
 */
export function createKafkaClient(connection: KafkaConnectionConfig, logger: MessagingLogger): KafkaClient {
  assertValidKafkaConnectionConfig(connection);
  const config: KafkaConfig = {
    brokers: [...connection.brokers],
    clientId: connection.clientId,
    connectionTimeout: connection.connectionTimeoutMs ?? defaultConnectionTimeoutMs,
    requestTimeout: 30_000,
    retry: {
      retries: connection.connectRetries ?? defaultConnectRetries,
      initialRetryTime: 200,
      maxRetryTime: 2000,
    },
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator(logger),
  };
  if (connection.tls) {
    config.ssl = {
      ...(connection.tls.caPem === undefined ? {} : { ca: [connection.tls.caPem] }),
      ...(connection.tls.certPem === undefined ? {} : { cert: connection.tls.certPem }),
      ...(connection.tls.keyPem === undefined ? {} : { key: connection.tls.keyPem }),
      rejectUnauthorized: connection.tls.rejectUnauthorized ?? true,
    };
  }
  if (connection.sasl) {
    config.sasl = saslOptions(connection.sasl.mechanism, connection.sasl.username, connection.sasl.password);
  }
  return { kafka: new Kafka(config), connection, logger };
}

function saslOptions(
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512',
  username: string,
  password: string,
): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

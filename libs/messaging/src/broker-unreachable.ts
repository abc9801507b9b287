import type { KafkaConnectionConfig } from './kafka-connection-config';

const howToStartLocalBroker =
  'For local development start the broker with `npm run kafka -- start` (or `bash tools/kafka start`); ' +
  'otherwise check the configured broker addresses.';

/** The one error a caller gets when no broker answers, instead of kafkajs' stack of retry errors. */
export class KafkaBrokerUnreachableError extends Error {
  constructor(
    readonly brokers: readonly string[],
    readonly clientId: string,
    cause: unknown,
  ) {
    super(
      `Cannot reach the Kafka broker at ${brokers.join(', ')} (client "${clientId}"): ${rootMessage(cause)}. ` +
        howToStartLocalBroker,
      { cause },
    );
    this.name = 'KafkaBrokerUnreachableError';
  }
}

const connectionErrorNames = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
]);

/** True when the error (or one of its causes) says the broker could not be reached at all. */
export function isBrokerUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (connectionErrorNames.has(current.name)) {
      return true;
    }
    current =
      'originalError' in current && current.originalError instanceof Error
        ? current.originalError
        : current.cause;
  }
  return false;
}

/** Connects a kafkajs producer, consumer or admin, turning "no broker there" into one clear error. */
export async function connectOrExplain(
  client: { connect(): Promise<void> },
  connection: KafkaConnectionConfig,
): Promise<void> {
  try {
    await client.connect();
  } catch (error: unknown) {
    if (isBrokerUnreachable(error)) {
      throw new KafkaBrokerUnreachableError(connection.brokers, connection.clientId, error);
    }
    throw error;
  }
}

function rootMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const next =
      current instanceof Error && 'originalError' in current && current.originalError instanceof Error
        ? current.originalError
        : current instanceof Error
          ? current.cause
          : undefined;
    if (!(next instanceof Error)) {
      break;
    }
    current = next;
  }
  return current instanceof Error ? current.message : String(current);
}

export { BatchingProducer, type BatchingProducerOptions, type OutgoingMessage } from './batching-producer';
export { connectOrExplain, isBrokerUnreachable, KafkaBrokerUnreachableError } from './broker-unreachable';
export {
  batchSubscription,
  DEFAULT_MAX_BATCH_MESSAGES,
  isBatchSubscription,
  type BatchMessageHandler,
  type BatchSubscription,
} from './batch-subscription';
export { handleSliceTogether } from './batch-slice';
export type { ConsumedMessage, MessageHandler, Subscription } from './consumed-message';
export { KafkaConsumerRunner, type ConsumerRunnerOptions } from './consumer-runner';
export {
  buildDeadLetterMessage,
  deadLetterHeader,
  deadLetterTopicOf,
  type DeadLetterCircumstances,
  type DeadLetterSource,
} from './dead-letter';
export {
  decodeEnvelope,
  encodeEnvelope,
  envelopeHeader,
  headersAsStrings,
  type MessageClasses,
} from './envelope-codec';
export {
  backoffMs,
  classifyError,
  decideOnFailure,
  defaultRetryPolicy,
  type DeadLetterKind,
  type ErrorClass,
  type FailureDecision,
  type RetryPolicy,
} from './failure-policy';
export { createKafkaClient, type KafkaClient } from './kafka-client';
export {
  assertValidKafkaConnectionConfig,
  KafkaConfigError,
  kafkaConnectionConfig,
  KafkaConnectionConfig,
  KafkaSaslConfig,
  KafkaTlsConfig,
  saslMechanisms,
  type SaslMechanism,
} from './kafka-connection-config';
export { InvalidMessageError, PermanentError, TransientError } from './message-errors';
export { kafkaLogCreator, silentMessagingLogger, type MessagingLogger } from './messaging-logger';
export { KafkaErrorPassthroughFilter } from './nest/error-passthrough.filter';
export {
  eventPatternSubscription,
  type EventPatternSubscriptionOptions,
} from './nest/event-pattern-subscription';
export { KafkaMessageContext } from './nest/kafka-message-context';
export {
  kafkaConsumerRunnerTransport,
  KafkaTransportStrategy,
  type KafkaTransportOptions,
} from './nest/kafka-transport-strategy';
export { ensureTopics, type TopicSpec } from './topics';
export { retryWhileLeadershipSettles, type LeadershipRetryOptions } from './leadership-retry';

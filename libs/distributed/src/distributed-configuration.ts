import { CommaSeparatedList, Flag, WholeNumber } from '@invoice-engine/config';
import { saslMechanisms, type SaslMechanism } from '@invoice-engine/messaging';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { NeedsAlso, OnlyWhenOn } from './variables-needed-together';

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * What every distributed service reads from its environment, validated once at boot. Local defaults
 * match `tools/postgres` and `tools/kafka`; production sets every variable (see `.env.example`).
 */
export class DistributedConfiguration {
  /** PostgreSQL holding the event store and the read models (`postgres://user:password@host:port/db`). */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/invoice_engine';

  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(SQL_IDENTIFIER, { message: 'EVENT_STORE_SCHEMA must be a lower-case SQL identifier' })
  EVENT_STORE_SCHEMA = 'event_store';

  @Matches(SQL_IDENTIFIER, { message: 'READ_MODEL_SCHEMA must be a lower-case SQL identifier' })
  READ_MODEL_SCHEMA = 'read_models';

  @CommaSeparatedList()
  @ArrayNotEmpty()
  @Matches(/^[^\s:/]+:\d{1,5}$/, { each: true, message: 'each of KAFKA_BROKERS must be host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /**
   * Appended to the service name to form its consumer group. Empty in production; test harnesses that
   * share one broker across runs set a unique suffix so each run's services form groups of their own.
   */
  @Matches(/^[A-Za-z0-9._-]{0,64}$/, {
    message: 'KAFKA_GROUP_SUFFIX may hold letters, digits, ".", "_" and "-"',
  })
  KAFKA_GROUP_SUFFIX = '';

  /** Where a consumer group with no committed offset starts: the oldest message (default) or new ones only. */
  @IsIn(['earliest', 'latest'])
  KAFKA_NEW_GROUP_START: 'earliest' | 'latest' = 'earliest';

  /**
   * Partitions each consumer group of the service handles at the same time (order holds within each).
   * The default is the partition count of the pipeline's work topics (group work, tax requests and
   * results: 24), so no partition with messages waits for a free slot.
   */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 24;

  /** Longest time a handled message's offset waits before it is committed (batched with the others). */
  @WholeNumber()
  @IsInt()
  @Min(10)
  @Max(60_000)
  KAFKA_COMMIT_INTERVAL_MS = 500;

  /**
   * Most messages of one partition handed to a batch handler (`@EventPattern(topic, { batch: true })`)
   * at a time. A fetch brings up to about 1 MB per partition; it is handled in slices of this size, and
   * each slice's output is published before the next slice is handled, so the next stage starts on it
   * at once. 50 was the fastest of 500, 100, 50 and 25 in the 100,000-schedule bench
   * (docs/e2e-and-bench.md): larger slices make the stages wait on each other, smaller ones pay the
   * per-call reads and appends too often.
   */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(10_000)
  KAFKA_BATCH_SLICE = 50;

  /**
   * TLS towards the brokers (a secured cluster; docs/kafka.md "Connecting to a secured cluster").
   * The brokers' certificates are always verified: against the system's CAs, or KAFKA_SSL_CA_FILE.
   */
  @Flag()
  @IsBoolean()
  KAFKA_SSL = false;

  /** PEM file of the CA that signed the brokers' certificates, when it is not a publicly trusted one. */
  @IsOptional()
  @IsString()
  @OnlyWhenOn('KAFKA_SSL')
  KAFKA_SSL_CA_FILE?: string;

  /** PEM files of the client certificate and its unencrypted key, for brokers that authenticate clients by TLS. */
  @IsOptional()
  @IsString()
  @OnlyWhenOn('KAFKA_SSL')
  @NeedsAlso('KAFKA_SSL_KEY_FILE')
  KAFKA_SSL_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  @OnlyWhenOn('KAFKA_SSL')
  @NeedsAlso('KAFKA_SSL_CERT_FILE')
  KAFKA_SSL_KEY_FILE?: string;

  /** SASL authentication; the mechanism, user name and password are set all three or none. */
  @IsOptional()
  @IsIn(saslMechanisms)
  @NeedsAlso('KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD')
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @NeedsAlso('KAFKA_SASL_MECHANISM', 'KAFKA_SASL_PASSWORD')
  KAFKA_SASL_USERNAME?: string;

  /** Never shown: a configuration error gives only its length (the name says it is a secret). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @NeedsAlso('KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME')
  KAFKA_SASL_PASSWORD?: string;

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])
  LOG_LEVEL = 'info';
}

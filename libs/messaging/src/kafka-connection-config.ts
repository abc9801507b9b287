// class-transformer's @Type reads design-time metadata.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';

export const saslMechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

export class KafkaSaslConfig {
  @IsIn(saslMechanisms)
  mechanism!: SaslMechanism;

  @IsString()
  @IsNotEmpty()
  username!: string;

  @IsString()
  @IsNotEmpty()
  password!: string;
}

/** TLS towards the brokers; its presence turns TLS on. */
export class KafkaTlsConfig {
  /** PEM of the certificate authority when the brokers do not use a publicly trusted one. */
  @IsOptional()
  @IsString()
  caPem?: string;

  /** PEM of the client certificate, for brokers that authenticate clients by TLS; comes with `keyPem`. */
  @ValidateIf((tls: KafkaTlsConfig) => tls.certPem !== undefined || tls.keyPem !== undefined)
  @IsString()
  certPem?: string;

  /** PEM of the client certificate's unencrypted private key; comes with `certPem`. */
  @ValidateIf((tls: KafkaTlsConfig) => tls.certPem !== undefined || tls.keyPem !== undefined)
  @IsString()
  keyPem?: string;

  @IsOptional()
  @IsBoolean()
  rejectUnauthorized?: boolean;
}

/**
 * How to reach the Kafka cluster. Apps parse it from their configuration once at boot and pass it in;
 * this library never reads the environment.
 */
export class KafkaConnectionConfig {
  /** `host:port` of one or more brokers, e.g. `127.0.0.1:9092`. */
  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^[^\s:/]+:\d{1,5}$/, {
    each: true,
    message: ({ value }) => `each broker must be host:port, got ${JSON.stringify(value)}`,
  })
  brokers!: string[];

  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => KafkaTlsConfig)
  tls?: KafkaTlsConfig;

  @IsOptional()
  @ValidateNested()
  @Type(() => KafkaSaslConfig)
  sasl?: KafkaSaslConfig;

  /** How long one TCP connection attempt may take (default 3000 ms). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  connectionTimeoutMs?: number;

  /** Attempts after the first one when connecting fails (default 2): fail fast, do not hang. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  connectRetries?: number;
}

export class KafkaConfigError extends Error {
  constructor(readonly violations: readonly string[]) {
    super(`Invalid Kafka connection configuration: ${violations.join('; ')}`);
    this.name = 'KafkaConfigError';
  }
}

/** Builds a validated `KafkaConnectionConfig` from plain data, or throws one error listing every violation. */
export function kafkaConnectionConfig(plain: unknown): KafkaConnectionConfig {
  const config = plainToInstance(KafkaConnectionConfig, plain);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new KafkaConfigError(['expected an object']);
  }
  assertValidKafkaConnectionConfig(config);
  return config;
}

export function assertValidKafkaConnectionConfig(config: KafkaConnectionConfig): void {
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new KafkaConfigError(errors.flatMap((error) => describeViolation(error, '')));
  }
}

function describeViolation(error: ValidationError, parentPath: string): string[] {
  const path = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
  const nested = (error.children ?? []).flatMap((child) => describeViolation(child, path));
  return [...own, ...nested];
}

// class-transformer's @Type reads design-time metadata.
import 'reflect-metadata';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { plainToInstance, Type, type ClassConstructor } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  isISO8601,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import type { IHeaders, Message } from 'kafkajs';
import { InvalidMessageError } from './message-errors';

/** Headers every produced message carries, so consumers and tools can route and trace without parsing. */
export const envelopeHeader = {
  type: 'type',
  messageId: 'message-id',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  contentType: 'content-type',
} as const;

class EventMetadataShape {
  @IsString() @IsNotEmpty() correlationId!: string;
  @IsString() @IsNotEmpty() causationId!: string;
  @ValidateIf((_object, value) => value !== null) @IsString() groupingKey!: string | null;
  @ValidateIf((_object, value) => value !== null) @IsString() runId!: string | null;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsString() @IsNotEmpty() producer!: string;
}

class EventEnvelopeShape {
  @IsString() @IsNotEmpty() messageId!: string;
  @IsString() @IsNotEmpty() type!: string;
  @IsInt() @Min(1) schemaVersion!: number;
  @IsDefined() data!: unknown;
  @IsObject() @ValidateNested() @Type(() => EventMetadataShape) metadata!: EventMetadataShape;
}

/** The Kafka record for an envelope: its key decides the partition, the envelope is the JSON value. */
export function encodeEnvelope(key: string, envelope: EventEnvelope): Message {
  let value: string;
  try {
    value = JSON.stringify(envelope);
  } catch (error: unknown) {
    // Typically a bigint: contracts carry money as strings of minor units.
    throw new TypeError(`Envelope ${envelope.messageId} (${envelope.type}) is not JSON-serializable`, {
      cause: error,
    });
  }
  return {
    key,
    value,
    headers: {
      [envelopeHeader.type]: envelope.type,
      [envelopeHeader.messageId]: envelope.messageId,
      [envelopeHeader.schemaVersion]: String(envelope.schemaVersion),
      [envelopeHeader.correlationId]: envelope.metadata.correlationId,
      [envelopeHeader.causationId]: envelope.metadata.causationId,
      [envelopeHeader.contentType]: 'application/json',
    },
  };
}

/** Message classes (class-validator) by envelope type; a type missing from a given map is invalid. */
export type MessageClasses = Readonly<Record<string, ClassConstructor<object>>>;

/**
 * Parses and validates a consumed value. Throws `InvalidMessageError` with every reason when the value
 * is not JSON, not an envelope, or its data fails the message class of its type.
 */
export function decodeEnvelope(value: Buffer | null, messageClasses?: MessageClasses): EventEnvelope {
  if (value === null) {
    throw new InvalidMessageError('the message has no value (a tombstone), expected a JSON envelope');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error: unknown) {
    throw new InvalidMessageError(
      `the value is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidMessageError('the value is not a JSON object, expected an envelope');
  }
  if (!isPlainlyValidEnvelope(parsed as Record<string, unknown>)) {
    // Only class-validator says why (it throws here): the check above accepts no envelope it refuses.
    assertValid(envelopeShapeOf(parsed as Record<string, unknown>), 'envelope');
  }
  const envelope = parsed as EventEnvelope;
  if (messageClasses === undefined) {
    return envelope;
  }
  const messageClass = messageClasses[envelope.type];
  if (messageClass === undefined) {
    throw new InvalidMessageError(`unknown message type "${envelope.type}"`);
  }
  if (typeof envelope.data !== 'object' || envelope.data === null) {
    throw new InvalidMessageError(`data of ${envelope.type} is not an object`);
  }
  const data = plainToInstance(messageClass, envelope.data);
  assertValid(data, `data of ${envelope.type}`);
  return { ...envelope, data };
}

/** Header values as strings (the first value of repeated headers). */
export function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) {
      result[name] = first.toString();
    }
  }
  return result;
}

const isNonEmptyString = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

/**
 * Whether the envelope meets every rule of `EventEnvelopeShape` and `EventMetadataShape`, checked
 * directly: class-validator costs a scan of every registered class per object. It accepts exactly
 * what those decorators accept; `decodeEnvelope` asks class-validator only for an envelope it refuses.
 */
function isPlainlyValidEnvelope(parsed: Record<string, unknown>): boolean {
  const { messageId, type, schemaVersion, data, metadata } = parsed;
  if (!isNonEmptyString(messageId) || !isNonEmptyString(type)) return false;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1)
    return false;
  if (data === undefined || data === null) return false;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return false;
  const { correlationId, causationId, groupingKey, runId, occurredAt, producer } = metadata as Record<
    string,
    unknown
  >;
  return (
    isNonEmptyString(correlationId) &&
    isNonEmptyString(causationId) &&
    isStringOrNull(groupingKey) &&
    isStringOrNull(runId) &&
    isISO8601(occurredAt, { strict: true }) &&
    isNonEmptyString(producer)
  );
}

/**
 * The envelope as its shape class, `data` set as it is: the shape only requires it to be defined, and
 * class-transformer would otherwise copy the whole payload, property by property, for nothing.
 */
function envelopeShapeOf(parsed: Record<string, unknown>): EventEnvelopeShape {
  const { data, ...rest } = parsed;
  const shape = plainToInstance(EventEnvelopeShape, rest);
  if ('data' in parsed) shape.data = data;
  return shape;
}

function assertValid(subject: object, what: string): void {
  const errors = validateSync(subject, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) => violations(error, ''));
    throw new InvalidMessageError(`invalid ${what}: ${reasons.join('; ')}`);
  }
}

function violations(error: ValidationError, parentPath: string): string[] {
  const path = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
  return [
    ...Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`),
    ...(error.children ?? []).flatMap((child) => violations(child, path)),
  ];
}

// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsGroupingKey, IsIdentifier } from '../fields/identifier';
import { IsUtcInstant } from '../fields/instant';
import { Nullable } from '../fields/nullable';

/** Who caused a message and on whose behalf (kernel `EventMetadata`), as validated on the wire. */
export class MessageMetadata {
  /** The run id for pipeline messages; the upstream request id for ingress messages. */
  @IsIdentifier()
  correlationId!: string;

  /** The message id of the message (or request) that caused this one. */
  @IsIdentifier()
  causationId!: string;

  @Nullable()
  @IsGroupingKey()
  groupingKey!: string | null;

  @Nullable()
  @IsIdentifier()
  runId!: string | null;

  @IsUtcInstant()
  occurredAt!: string;

  /** The app that produced the message, e.g. `filtering`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  producer!: string;
}

/**
 * The envelope of every Kafka message (the kernel's `EventEnvelope`). `data` is only checked to be an
 * object here; its shape is validated against the message type's data class.
 */
export class MessageEnvelope {
  @IsUUID()
  messageId!: string;

  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]*$/, { message: 'must be a PascalCase message type' })
  type!: string;

  @IsInt()
  @Min(1)
  schemaVersion!: number;

  @IsObject()
  data!: object;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MessageMetadata)
  metadata!: MessageMetadata;
}

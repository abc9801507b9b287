// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ERROR_LOG_CATEGORIES,
  ERROR_LOG_SEVERITIES,
  type ErrorLogCategory,
  type ErrorLogSeverity,
} from '../billing-vocabulary';
import { IsBelowChunkCount } from '../fields/chunk-index';
import { IsGroupingKey, IsIdentifier } from '../fields/identifier';
import { IsUtcInstant } from '../fields/instant';
import { Nullable } from '../fields/nullable';

/** A revenue transaction error log entry of a group (DOMAIN.md section 1); run and group are the message's. */
export class GroupErrorLog {
  @IsIn(ERROR_LOG_CATEGORIES)
  category!: ErrorLogCategory;

  @Matches(/^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/, {
    message: 'must be an error code such as TAX.RATE_NOT_FOUND',
  })
  code!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  message!: string;

  @IsIn(ERROR_LOG_SEVERITIES)
  severity!: ErrorLogSeverity;

  /** The primary record when it is a billing schedule. */
  @Nullable()
  @IsIdentifier()
  billingScheduleId!: string | null;

  /** The primary record when it is an invoice. */
  @Nullable()
  @IsIdentifier()
  invoiceId!: string | null;

  @IsUtcInstant()
  occurredAt!: string;
}

/**
 * What invoice generation reports for one work item (one grouping key, one chunk), for summarization
 * to count. `invoicesGenerated` counts every invoice written, Error ones included; `invoicesFailed` the
 * Error ones. The chunk count lets summarization know when every chunk of a group has reported.
 */
export class GroupOutcomeData {
  @IsIdentifier()
  runId!: string;

  @IsGroupingKey()
  groupingKey!: string;

  @IsInt()
  @Min(0)
  @IsBelowChunkCount()
  chunkIndex!: number;

  @IsInt()
  @Min(1)
  chunkCount!: number;

  @IsArray()
  @ArrayUnique()
  @IsIdentifier({ each: true })
  invoiceIds!: string[];

  @IsInt()
  @Min(0)
  billingSchedulesProcessed!: number;

  @IsInt()
  @Min(0)
  billingSchedulesFailed!: number;

  @IsInt()
  @Min(0)
  invoicesGenerated!: number;

  @IsInt()
  @Min(0)
  invoicesFailed!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GroupErrorLog)
  errorLogs!: GroupErrorLog[];
}

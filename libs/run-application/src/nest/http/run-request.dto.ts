import 'reflect-metadata';
import type { RunCriteria } from '@invoice-engine/invoice-batch-runs';
import type { CalendarDate, CurrencyCode } from '@invoice-engine/kernel';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBillingBatchOrNone, IsCalendarDateString, IsCurrencyCodeString } from './request-fields';

const ID_PATTERN = /^\S{1,200}$/;
const ID_MESSAGE = 'must be an id of 1 to 200 characters without white space';

/** Which schedules a run looks at; a missing or null list means "any", an empty one is refused. */
export class RunCriteriaDto {
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsCurrencyCodeString({ each: true })
  currencies?: string[] | null;

  /** A null entry stands for schedules without a billing batch. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsBillingBatchOrNone({ each: true })
  billingBatches?: (string | null)[] | null;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  legalEntityIds?: string[] | null;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  billingAccountIds?: string[] | null;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(['OneTime', 'Recurring', 'Usage'], { each: true })
  chargeTypes?: ('OneTime' | 'Recurring' | 'Usage')[] | null;
}

export function runCriteriaOf(dto: RunCriteriaDto | undefined | null): RunCriteria {
  return {
    currencies: (dto?.currencies ?? null) as CurrencyCode[] | null,
    billingBatches: dto?.billingBatches ?? null,
    legalEntityIds: dto?.legalEntityIds ?? null,
    billingAccountIds: dto?.billingAccountIds ?? null,
    chargeTypes: dto?.chargeTypes ?? null,
  };
}

/** `POST /invoice-batch-runs`: an ad-hoc run. */
export class RequestRunDto {
  /** An idempotency key: the same id and parameters again is the same run. */
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  runId?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RunCriteriaDto)
  criteria?: RunCriteriaDto;

  @IsCalendarDateString()
  targetDate!: CalendarDate;

  @IsCalendarDateString()
  invoiceDate!: CalendarDate;

  @IsIn(['Draft', 'Posted'])
  invoiceStatus!: 'Draft' | 'Posted';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  billingPeriodCount?: number | null;
}

/** `POST /bill-now`: a run for one billing account (or order), dates defaulting to today. */
export class BillNowDto {
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  billingAccountId?: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  orderId?: string;

  @IsOptional()
  @IsCalendarDateString()
  targetDate?: CalendarDate;

  @IsOptional()
  @IsCalendarDateString()
  invoiceDate?: CalendarDate;

  @IsOptional()
  @IsIn(['Draft', 'Posted'])
  invoiceStatus?: 'Draft' | 'Posted';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  runId?: string;
}

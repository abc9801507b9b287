import 'reflect-metadata';
import type { CalendarDate } from '@invoice-engine/kernel';
import type {
  InvoiceDateRule,
  MonthlyDay,
  NthWeekday,
  SchedulerDefinition,
  TargetDateRule,
  Weekday,
} from '@invoice-engine/scheduling';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
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
import { IsCalendarDateString } from './request-fields';
import { runCriteriaOf, RunCriteriaDto } from './run-request.dto';

/**
 * An invoice batch scheduler as the API receives it. The shape is checked here (400 listing every
 * field); the scheduling domain then checks the rules between fields (frequency vs. weekly days,
 * Once-only fixed dates, time zone, ...) and lists its problems the same way.
 */
export class SchedulerDefinitionDto {
  @IsString()
  @MaxLength(255)
  name!: string;

  @IsIn(['Once', 'Daily', 'Weekly', 'Monthly'])
  frequency!: SchedulerDefinition['frequency'];

  @IsCalendarDateString()
  startDate!: CalendarDate;

  @Matches(/^\d{2}:\d{2}$/, { message: 'must be a wall-clock time HH:mm' })
  preferredTime!: string;

  @IsString()
  timeZone!: string;

  @IsOptional()
  @IsCalendarDateString()
  endDate?: CalendarDate | null;

  @IsOptional()
  @IsArray()
  @IsIn(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], { each: true })
  weeklyDays?: Weekday[];

  @IsOptional()
  monthlyDay?: MonthlyDay | null;

  @IsOptional()
  @IsObject()
  nthWeekday?: NthWeekday | null;

  @IsOptional()
  @IsBoolean()
  excludeWeekendsAndHolidays?: boolean;

  @IsOptional()
  @IsArray()
  @IsCalendarDateString({ each: true })
  holidays?: CalendarDate[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RunCriteriaDto)
  criteria?: RunCriteriaDto;

  @IsIn(['Draft', 'Posted'])
  invoiceStatus!: SchedulerDefinition['invoiceStatus'];

  @IsDefined()
  @IsObject()
  targetDate!: TargetDateRule;

  @IsDefined()
  @IsObject()
  invoiceDate!: InvoiceDateRule;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  billingPeriodCount?: number | null;
}

/** `POST /schedulers`: the definition and, optionally, the id (an idempotency key). */
export class CreateSchedulerDto extends SchedulerDefinitionDto {
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'must be an id of 1 to 200 characters without white space' })
  schedulerId?: string;
}

export function schedulerDefinitionOf(dto: SchedulerDefinitionDto): SchedulerDefinition {
  return {
    name: dto.name,
    frequency: dto.frequency,
    startDate: dto.startDate,
    preferredTime: dto.preferredTime,
    timeZone: dto.timeZone,
    endDate: dto.endDate ?? null,
    weeklyDays: dto.weeklyDays ?? [],
    monthlyDay: dto.monthlyDay ?? null,
    nthWeekday: dto.nthWeekday ?? null,
    excludeWeekendsAndHolidays: dto.excludeWeekendsAndHolidays ?? false,
    holidays: dto.holidays ?? [],
    criteria: runCriteriaOf(dto.criteria),
    invoiceStatus: dto.invoiceStatus,
    targetDate: dto.targetDate,
    invoiceDate: dto.invoiceDate,
    billingPeriodCount: dto.billingPeriodCount ?? null,
  };
}

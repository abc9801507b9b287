import 'reflect-metadata';
import { RUN_INVOICE_STATUSES, RunCriteria, type RunInvoiceStatus } from '@invoice-engine/contracts';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsScenarioCurrency, IsScenarioDate, NullAllowed } from './scenario-fields';

/** The most lines per invoice a scenario may ask for (as the filtering service's configuration). */
export const MAX_LINES_PER_INVOICE_LIMIT = 100_000;

/** `org`: the org's today, default currency, target date limit and (an extension) the line limit. */
export class ScenarioOrg {
  @IsScenarioDate()
  today!: string;

  @IsScenarioCurrency()
  defaultCurrency!: string;

  /** Default 12 (DOMAIN.md section 2). */
  @IsInt()
  @Min(0)
  @Max(1200)
  maxTargetDateOffsetMonths!: number;

  /** Default 2,000 (DOMAIN.md section 6: "configurable"); not in section 7, so optional. */
  @IsInt()
  @Min(1)
  @Max(MAX_LINES_PER_INVOICE_LIMIT)
  maxLinesPerInvoice!: number;
}

/** One row of the built-in engine's rate table; the tax lib checks it further (country, rate ≤ 1, duplicates). */
export class ScenarioTaxRate {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  taxCode!: string;

  @IsString()
  country!: string;

  @NullAllowed()
  @IsString()
  region!: string | null;

  @IsString()
  @Matches(/^\d+(\.\d+)?$/, { message: 'must be a decimal fraction such as "0.0725" (7.25 %)' })
  rate!: string;

  @IsScenarioDate()
  effectiveFrom!: string;
}

export class ScenarioPaymentTerm {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @IsInt()
  @Min(0)
  @Max(3650)
  dueDays!: number;
}

/** `run`: the run to request. `criteria` is the run request contract's own class. */
export class ScenarioRun {
  @IsScenarioDate()
  targetDate!: string;

  @IsScenarioDate()
  invoiceDate!: string;

  @IsIn(RUN_INVOICE_STATUSES)
  invoiceStatus!: RunInvoiceStatus;

  @IsObject()
  @ValidateNested()
  @Type(() => RunCriteria)
  criteria!: RunCriteria;

  @NullAllowed()
  @IsInt()
  @Min(1)
  @Max(12)
  billingPeriodCount!: number | null;
}

/**
 * A scenario file (DOMAIN.md section 7). Billing schedules are only checked to be an array here: each
 * one is validated by the schedule loader's own validation, the one the schedule-loader app runs.
 */
export class ScenarioDocument {
  /** What the scenario shows, for people reading it; not part of the run. */
  @IsOptional()
  @IsString()
  description?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ScenarioOrg)
  org!: ScenarioOrg;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScenarioTaxRate)
  taxRates!: ScenarioTaxRate[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScenarioPaymentTerm)
  paymentTerms!: ScenarioPaymentTerm[];

  @IsArray()
  billingSchedules!: unknown[];

  @IsObject()
  @ValidateNested()
  @Type(() => ScenarioRun)
  run!: ScenarioRun;
}

// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TAX_MODES, type TaxMode } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsCurrency } from '../../fields/currency';
import { IsUnsignedDecimalString } from '../../fields/decimal';
import { IsGroupingKey, IsIdentifier } from '../../fields/identifier';
import { IsMoneyAmount, PARENT_CURRENCY, PassCurrencyToItems } from '../../fields/money-amount';
import { Topics } from '../../topics';

export const TAX_CALCULATED_SCHEMA_VERSION = 1;

/** Estimated: tax of a draft invoice. Posted: actual tax, committed with the engine. */
export const TAX_STATUSES = ['Estimated', 'Posted'] as const;
export type TaxStatus = (typeof TAX_STATUSES)[number];

/** The tax of one requested line, in the result's currency. */
export class TaxedLine {
  @IsIdentifier()
  lineId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  taxCode!: string;

  /** The applied rate as a decimal fraction: "0.0725" for 7.25 %. */
  @IsUnsignedDecimalString()
  rate!: string;

  /** charge × rate, rounded half away from zero to the currency's minor unit. */
  @IsMoneyAmount(PARENT_CURRENCY)
  taxAmount!: string;

  @IsIn(TAX_STATUSES)
  taxStatus!: TaxStatus;
}

/** The tax engine's answer to a `TaxRequested`: one taxed line per requested line. */
export class TaxCalculatedData {
  @IsIdentifier()
  runId!: string;

  @IsGroupingKey()
  groupingKey!: string;

  @IsIdentifier()
  invoiceId!: string;

  @IsIn(TAX_MODES)
  mode!: TaxMode;

  @IsCurrency()
  currency!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique((line: TaxedLine) => line.lineId, { message: 'line ids must be unique' })
  @ValidateNested({ each: true })
  @Type(() => TaxedLine)
  @PassCurrencyToItems('currency')
  lines!: TaxedLine[];
}

export const TaxCalculated: MessageContract<'TaxCalculated', TaxCalculatedData> = {
  type: 'TaxCalculated',
  schemaVersion: TAX_CALCULATED_SCHEMA_VERSION,
  topic: Topics.TaxResults,
  dataClass: TaxCalculatedData,
  keyOf: (data) => data.groupingKey,
};

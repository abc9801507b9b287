// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TAX_MODES, type TaxMode } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsCalendarDate } from '../../fields/calendar-date';
import { IsCurrency } from '../../fields/currency';
import { IsGroupingKey, IsIdentifier } from '../../fields/identifier';
import { IsMoneyAmount, PARENT_CURRENCY, PassCurrencyToItems } from '../../fields/money-amount';
import { Topics } from '../../topics';
import { BillToAddress } from '../bill-to-address';

export const TAX_REQUESTED_SCHEMA_VERSION = 1;

/** One invoice line to tax; its amount is in the request's currency. */
export class TaxRequestLine {
  /** Unique within the request; the result answers per line id. */
  @IsIdentifier()
  lineId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  taxCode!: string;

  @IsMoneyAmount(PARENT_CURRENCY)
  chargeAmount!: string;
}

/**
 * Tax an invoice: estimate it (a draft invoice) or calculate and commit the actual tax (an invoice
 * being posted). Answered on `tax.results` by `TaxCalculated` or `TaxCalculationFailed`.
 */
export class TaxRequestedData {
  @IsIdentifier()
  runId!: string;

  @IsGroupingKey()
  groupingKey!: string;

  @IsIdentifier()
  invoiceId!: string;

  /** The engine of the schedules' tax treatment; part of the grouping key, so one per invoice. */
  @IsIdentifier()
  taxEngineId!: string;

  @IsIn(TAX_MODES)
  mode!: TaxMode;

  /** Rates are looked up as of this date. */
  @IsCalendarDate()
  invoiceDate!: string;

  @IsCurrency()
  currency!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BillToAddress)
  billToAddress!: BillToAddress;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique((line: TaxRequestLine) => line.lineId, { message: 'line ids must be unique' })
  @ValidateNested({ each: true })
  @Type(() => TaxRequestLine)
  @PassCurrencyToItems('currency')
  lines!: TaxRequestLine[];
}

export const TaxRequested: MessageContract<'TaxRequested', TaxRequestedData> = {
  type: 'TaxRequested',
  schemaVersion: TAX_REQUESTED_SCHEMA_VERSION,
  topic: Topics.TaxRequests,
  dataClass: TaxRequestedData,
  keyOf: (data) => data.groupingKey,
};

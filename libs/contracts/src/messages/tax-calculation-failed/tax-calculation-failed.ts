import { IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { TAX_MODES, type TaxMode } from '../../billing-vocabulary';
import type { MessageContract } from '../../envelope/message-contract';
import { IsGroupingKey, IsIdentifier } from '../../fields/identifier';
import { Topics } from '../../topics';

export const TAX_CALCULATION_FAILED_SCHEMA_VERSION = 1;

/**
 * The tax engine could not tax an invoice. `retryable` tells invoice generation whether asking again
 * may help (engine unavailable) or the group fails (no rate for a tax code and country).
 */
export class TaxCalculationFailedData {
  @IsIdentifier()
  runId!: string;

  @IsGroupingKey()
  groupingKey!: string;

  @IsIdentifier()
  invoiceId!: string;

  @IsIn(TAX_MODES)
  mode!: TaxMode;

  /** A stable code such as `TAX.RATE_NOT_FOUND` (the tax lib's `TaxFailureCode`). */
  @Matches(/^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/, {
    message: 'must be an error code such as TAX.RATE_NOT_FOUND',
  })
  code!: string;

  @IsString()
  @MaxLength(2000)
  message!: string;

  @IsBoolean()
  retryable!: boolean;
}

export const TaxCalculationFailed: MessageContract<'TaxCalculationFailed', TaxCalculationFailedData> = {
  type: 'TaxCalculationFailed',
  schemaVersion: TAX_CALCULATION_FAILED_SCHEMA_VERSION,
  topic: Topics.TaxResults,
  dataClass: TaxCalculationFailedData,
  keyOf: (data) => data.groupingKey,
};

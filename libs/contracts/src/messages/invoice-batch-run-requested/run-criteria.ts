import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, ValidateBy } from 'class-validator';
import { CHARGE_TYPES, type ChargeType } from '../../billing-vocabulary';
import { IsCurrency } from '../../fields/currency';
import { IsIdentifier } from '../../fields/identifier';
import { Nullable } from '../../fields/nullable';

const BILLING_BATCH_MAX_LENGTH = 255;

/** A billing batch label, or null for "schedules without a billing batch". */
function IsBillingBatchOrNone(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBillingBatchOrNone',
      validator: {
        validate: (value: unknown) =>
          value === null ||
          (typeof value === 'string' && value.trim().length > 0 && value.length <= BILLING_BATCH_MAX_LENGTH),
        defaultMessage: () =>
          `each billing batch must be a non-blank label of at most ${BILLING_BATCH_MAX_LENGTH} characters, or null for "no batch"`,
      },
    },
    { each: true },
  );
}

/**
 * Which billing schedules a run looks at (DOMAIN.md section 7). Each list narrows the run; `null`
 * means "any". An empty list is refused: it would silently select nothing.
 */
export class RunCriteria {
  @Nullable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsCurrency({ each: true })
  currencies!: string[] | null;

  /** A `null` entry matches schedules without a billing batch (null is a value of its own). */
  @Nullable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsBillingBatchOrNone()
  billingBatches!: (string | null)[] | null;

  @Nullable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIdentifier({ each: true })
  legalEntityIds!: string[] | null;

  @Nullable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIdentifier({ each: true })
  billingAccountIds!: string[] | null;

  @Nullable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(CHARGE_TYPES, { each: true })
  chargeTypes!: ChargeType[] | null;
}

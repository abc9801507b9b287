import { isCalendarDate, isCurrencyCode } from '@invoice-engine/kernel';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is refused). */
export function IsCalendarDateString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDateString',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => 'must be a calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}

/** An ISO 4217 currency code such as USD. */
export function IsCurrencyCodeString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrencyCodeString',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
        defaultMessage: () => 'must be an ISO 4217 currency code such as USD',
      },
    },
    options,
  );
}

/** A billing batch label (non-blank, at most 255 characters), or null for "schedules without a batch". */
export function IsBillingBatchOrNone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBillingBatchOrNone',
      validator: {
        validate: (value: unknown) =>
          value === null || (typeof value === 'string' && value.trim().length > 0 && value.length <= 255),
        defaultMessage: () =>
          'each billing batch must be a non-blank label of at most 255 characters, or null',
      },
    },
    options,
  );
}

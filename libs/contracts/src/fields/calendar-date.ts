import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@invoice-engine/kernel';

/** A billing date `YYYY-MM-DD` that exists in the calendar (2026-02-30 does not). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => 'must be a calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}

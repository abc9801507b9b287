import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@invoice-engine/kernel';

// Producers in other languages send micro- or nanoseconds; the instant stays as sent.
const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

/** An ISO-8601 instant in UTC with a `Z` suffix, e.g. `2026-11-26T08:35:16.000Z`. */
export function isUtcInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = UTC_INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]);
}

export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUtcInstant',
      validator: {
        validate: (value: unknown) => isUtcInstant(value),
        defaultMessage: () => 'must be an ISO-8601 UTC instant such as 2026-11-26T08:35:16.000Z',
      },
    },
    options,
  );
}

import { isCalendarDate, isCurrencyCode } from '@invoice-engine/kernel';
import { ValidateBy, ValidateIf } from 'class-validator';

/** `YYYY-MM-DD` that exists in the calendar. (The contracts lib keeps its own field decorators private.) */
export function IsScenarioDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isScenarioDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: () => 'must be a calendar date YYYY-MM-DD',
    },
  });
}

/** An ISO 4217 code the kernel knows (`USD`, `JPY`, `BHD`). */
export function IsScenarioCurrency(): PropertyDecorator {
  return ValidateBy({
    name: 'isScenarioCurrency',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
      defaultMessage: () => 'must be an ISO 4217 currency code such as USD',
    },
  });
}

/** The property must be present; null is a value and skips the other validators. */
export function NullAllowed(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== null);
}

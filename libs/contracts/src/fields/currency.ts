import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCurrencyCode } from '@invoice-engine/kernel';

/** An ISO 4217 alphabetic code in upper case (`USD`, `JPY`, `BHD`), known to the kernel's table. */
export function IsCurrency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrency',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
        defaultMessage: () => 'must be an ISO 4217 currency code such as USD',
      },
    },
    options,
  );
}

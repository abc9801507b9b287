import { ValidateBy, type ValidationOptions } from 'class-validator';

const UNSIGNED_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/**
 * A non-negative exact decimal written as a JSON string ("2", "1.5", "0.0725"), for quantities and
 * tax rates: floats would lose digits on the way through JSON.
 */
export function IsUnsignedDecimalString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUnsignedDecimalString',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && UNSIGNED_DECIMAL.test(value),
        defaultMessage: () => 'must be a non-negative decimal string such as "1.5" (not a JSON number)',
      },
    },
    options,
  );
}

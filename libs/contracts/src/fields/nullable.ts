import { ValidateIf } from 'class-validator';

/**
 * The property must be present; `null` is a valid value and skips the other validators. A missing
 * property still fails them (contracts have no optional fields, only explicit nulls).
 */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== null);
}

import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * The property must be present; `null` is a valid value and skips the other validators. A missing
 * property still fails them (contracts have no optional fields, only explicit nulls).
 */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== null);
}

/**
 * Like `Nullable`, except that null is refused when `isRequired(object)` holds, with the message
 * "must not be null <when>" (e.g. "when billingMethod is OrderAmount").
 */
export function NullableUnless<T>(isRequired: (object: T) => boolean, when: string): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    ValidateIf((object: T, value: unknown) => value !== null || isRequired(object))(target, property);
    ValidateBy({
      name: 'notNullWhenRequired',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: () => `must not be null ${when}`,
      },
    })(target, property);
  };
}

import { ValidateBy, type ValidationOptions } from 'class-validator';

// Ids come from other systems (Salesforce ids, UUIDs, external keys), so no single format is imposed;
// they must still be usable as Kafka keys and stream name suffixes.
const IDENTIFIER = /^\S{1,200}$/;

/** An id of a record: 1 to 200 characters without white space. */
export function IsIdentifier(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdentifier',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && IDENTIFIER.test(value),
        defaultMessage: () => 'must be an id of 1 to 200 characters without white space',
      },
    },
    options,
  );
}

// A grouping key joins up to eight ids plus a custom key, which may contain spaces.
const GROUPING_KEY_MAX_LENGTH = 2000;

/** A grouping key (DOMAIN.md section 6): a non-blank string of at most 2,000 characters. */
export function IsGroupingKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGroupingKey',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.trim().length > 0 && value.length <= GROUPING_KEY_MAX_LENGTH,
        defaultMessage: () =>
          `must be a non-blank grouping key of at most ${GROUPING_KEY_MAX_LENGTH} characters`,
      },
    },
    options,
  );
}

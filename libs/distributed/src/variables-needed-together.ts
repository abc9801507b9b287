import { registerDecorator, type ValidationArguments } from 'class-validator';

function valueOf(object: object, name: string): unknown {
  return (object as Record<string, unknown>)[name];
}

/**
 * A variable that means nothing without others (a SASL username without its password): once it is
 * set, each of `others` must be set too, and the error names those that are missing. Put it beside
 * `@IsOptional()`, so an unset variable needs nothing.
 */
export function NeedsAlso(...others: readonly string[]): PropertyDecorator {
  const missingOf = (object: object) => others.filter((name) => valueOf(object, name) === undefined);
  return (target, propertyName) => {
    registerDecorator({
      name: 'needsAlso',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, { object }: ValidationArguments) => missingOf(object).length === 0,
        defaultMessage: ({ object, property }: ValidationArguments) =>
          `${property} needs ${missingOf(object).join(' and ')} set as well`,
      },
    });
  };
}

/** A variable that only makes sense when a flag is on (a CA file without TLS): set, it needs `flag=true`. */
export function OnlyWhenOn(flag: string): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'onlyWhenOn',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, { object }: ValidationArguments) => valueOf(object, flag) === true,
        defaultMessage: ({ property }: ValidationArguments) => `${property} is used only with ${flag}=true`,
      },
    });
  };
}

import { Transform, type TransformFnParams } from 'class-transformer';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCurrencyCode, minorUnitDigits, type CurrencyCode } from '@invoice-engine/kernel';

const AMOUNT = /^-?(0|[1-9]\d*)(\.(\d+))?$/;

/**
 * Where an item of a list (an invoice line) finds the currency of the message it belongs to. Set by
 * `@PassCurrencyToItems` while the message is built, so that its amounts are checked against it.
 */
export const PARENT_CURRENCY: unique symbol = Symbol('parent currency');

function currencyOf(object: object, currencyKey: string | typeof PARENT_CURRENCY): CurrencyCode | undefined {
  const currency: unknown = (object as Record<string | symbol, unknown>)[currencyKey];
  // An unknown currency is reported on its own property; the amount is then only checked for its form.
  return typeof currency === 'string' && isCurrencyCode(currency) ? currency : undefined;
}

function fractionDigits(amount: string): number {
  return AMOUNT.exec(amount)?.[3]?.length ?? 0;
}

function problemOf(value: unknown, currency: CurrencyCode | undefined): string | undefined {
  if (typeof value !== 'string')
    return 'must be a decimal string in major units such as "109.68" (not a JSON number)';
  if (!AMOUNT.test(value)) return `"${value}" is not a decimal amount such as "109.68"`;
  if (currency === undefined) return undefined;
  const digits = minorUnitDigits(currency);
  return fractionDigits(value) > digits
    ? `"${value}" has more than the ${digits} minor digits of ${currency}`
    : undefined;
}

/**
 * Money in JSON: a decimal string in major units with at most the currency's minor digits
 * ("109.68", JPY "1500", BHD "1.250"). `currencyKey` names the sibling property holding the currency,
 * or is `PARENT_CURRENCY` for list items whose message carries it.
 */
export function IsMoneyAmount(
  currencyKey: string | typeof PARENT_CURRENCY,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoneyAmount',
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          problemOf(value, currencyOf(args.object, currencyKey)) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          problemOf(args.value, currencyOf(args.object, currencyKey)) ?? 'is not a valid amount',
      },
    },
    options,
  );
}

/** Hands the message's currency (property `currencyProperty`) to every item of this list. */
export function PassCurrencyToItems(currencyProperty: string): PropertyDecorator {
  return Transform(({ value, obj }: TransformFnParams): unknown => {
    const items: unknown = value;
    if (!Array.isArray(items)) return items;
    const currency: unknown = (obj as Record<string, unknown>)[currencyProperty];
    for (const item of items as unknown[]) {
      if (typeof item === 'object' && item !== null) {
        Object.defineProperty(item, PARENT_CURRENCY, { value: currency, enumerable: false });
      }
    }
    return items;
  });
}

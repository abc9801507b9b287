import { ValidateBy } from 'class-validator';
import { isCalendarDate } from '@invoice-engine/kernel';

function isOrdered(value: unknown, other: unknown, strictly: boolean): boolean {
  // Malformed or null dates are reported (or allowed) by their own validators.
  if (!isCalendarDate(value) || !isCalendarDate(other)) return true;
  return strictly ? value > other : value >= other;
}

/** This calendar date is on or after the sibling date `property` (when both are dates). */
export function IsOnOrAfterDate(property: string): PropertyDecorator {
  return ValidateBy({
    name: 'isOnOrAfterDate',
    validator: {
      validate: (value: unknown, args) =>
        isOrdered(value, (args?.object as Record<string, unknown>)[property], false),
      defaultMessage: () => `must be on or after ${property}`,
    },
  });
}

/** This calendar date is after the sibling date `property` (when both are dates). */
export function IsAfterDate(property: string): PropertyDecorator {
  return ValidateBy({
    name: 'isAfterDate',
    validator: {
      validate: (value: unknown, args) =>
        isOrdered(value, (args?.object as Record<string, unknown>)[property], true),
      defaultMessage: () => `must be after ${property}`,
    },
  });
}

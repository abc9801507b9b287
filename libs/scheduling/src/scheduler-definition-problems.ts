import { isCalendarDate, isOnOrBefore } from '@invoice-engine/kernel';
import { runCriteriaProblems } from './run-criteria';
import {
  INVOICE_STATUSES_TO_PRODUCE,
  RELATIVE_MONTH_DAYS,
  SCHEDULER_FREQUENCIES,
  WEEKDAY_ORDINALS,
  WEEKDAYS,
  type InvoiceDateRule,
  type SchedulerDefinition,
  type TargetDateRule,
} from './scheduler-definition';
import { isKnownTimeZone, isPreferredTime } from './wall-clock';

/** Offsets in days and months are bounded so a typo (3650 instead of 365) is caught at once. */
export const MAX_OFFSET_DAYS = 366;
export const MAX_MONTH_OFFSET = 12;
export const MAX_NAME_LENGTH = 255;

/** Everything wrong with a scheduler definition, one sentence per problem; empty when it is valid. */
export function schedulerDefinitionProblems(definition: SchedulerDefinition): readonly string[] {
  return [
    ...identityProblems(definition),
    ...recurrenceProblems(definition),
    ...runCriteriaProblems(definition.criteria),
    ...targetDateProblems(definition),
    ...invoiceDateProblems(definition),
    ...billingPeriodCountProblems(definition.billingPeriodCount),
  ];
}

function identityProblems(definition: SchedulerDefinition): readonly string[] {
  const problems: string[] = [];
  const name = typeof definition.name === 'string' ? definition.name.trim() : '';
  if (name.length === 0) problems.push('name must not be blank');
  if (name.length > MAX_NAME_LENGTH) problems.push(`name must be at most ${MAX_NAME_LENGTH} characters`);
  if (!includes(INVOICE_STATUSES_TO_PRODUCE, definition.invoiceStatus)) {
    problems.push(`invoiceStatus must be one of ${INVOICE_STATUSES_TO_PRODUCE.join(', ')}`);
  }
  return problems;
}

function recurrenceProblems(definition: SchedulerDefinition): readonly string[] {
  const problems: string[] = [];
  if (!includes(SCHEDULER_FREQUENCIES, definition.frequency)) {
    problems.push(`frequency must be one of ${SCHEDULER_FREQUENCIES.join(', ')}`);
  }
  if (!isCalendarDate(definition.startDate)) problems.push('startDate must be a date YYYY-MM-DD');
  if (definition.endDate !== null && !isCalendarDate(definition.endDate)) {
    problems.push('endDate must be a date YYYY-MM-DD or null');
  } else if (
    definition.endDate !== null &&
    isCalendarDate(definition.startDate) &&
    !isOnOrBefore(definition.startDate, definition.endDate)
  ) {
    problems.push('endDate must not be before startDate');
  }
  if (!isPreferredTime(definition.preferredTime))
    problems.push('preferredTime must be a time HH:mm (00:00..23:59)');
  if (!isKnownTimeZone(definition.timeZone))
    problems.push(`timeZone "${definition.timeZone}" is not an IANA zone`);
  if (!definition.holidays.every(isCalendarDate)) problems.push('holidays must be dates YYYY-MM-DD');
  return [...problems, ...weeklyProblems(definition), ...monthlyProblems(definition)];
}

function weeklyProblems(definition: SchedulerDefinition): readonly string[] {
  const days = definition.weeklyDays;
  if (definition.frequency !== 'Weekly') {
    return days.length === 0 ? [] : ['weeklyDays must be empty unless frequency is Weekly'];
  }
  if (days.length === 0) return ['weeklyDays must name at least one day for a Weekly scheduler'];
  const problems = days
    .filter((day) => !includes(WEEKDAYS, day))
    .map((day) => `"${String(day)}" is not a weekday name`);
  if (new Set(days).size !== days.length) problems.push('weeklyDays must not repeat a day');
  return problems;
}

function monthlyProblems(definition: SchedulerDefinition): readonly string[] {
  const { monthlyDay, nthWeekday } = definition;
  if (definition.frequency !== 'Monthly') {
    return monthlyDay === null && nthWeekday === null
      ? []
      : ['monthlyDay and nthWeekday must be null unless frequency is Monthly'];
  }
  if ((monthlyDay === null) === (nthWeekday === null)) {
    return ['a Monthly scheduler needs exactly one of monthlyDay and nthWeekday'];
  }
  if (monthlyDay !== null) {
    const valid =
      includes(RELATIVE_MONTH_DAYS, monthlyDay) ||
      (Number.isInteger(monthlyDay) && +monthlyDay >= 1 && +monthlyDay <= 28);
    return valid ? [] : [`monthlyDay must be 1..28, ${RELATIVE_MONTH_DAYS.join(', ')}`];
  }
  const problems: string[] = [];
  if (!includes(WEEKDAY_ORDINALS, nthWeekday?.ordinal)) {
    problems.push(`nthWeekday.ordinal must be one of ${WEEKDAY_ORDINALS.join(', ')}`);
  }
  if (!includes(WEEKDAYS, nthWeekday?.weekday)) problems.push('nthWeekday.weekday must be a weekday name');
  return problems;
}

function targetDateProblems(definition: SchedulerDefinition): readonly string[] {
  const rule: TargetDateRule = definition.targetDate;
  const once = definition.frequency === 'Once';
  switch (rule.kind) {
    case 'Fixed':
      if (!once)
        return ['a fixed targetDate is for Once schedulers; recurring ones use an offset or a day of month'];
      return isCalendarDate(rule.date) ? [] : ['targetDate.date must be a date YYYY-MM-DD'];
    case 'OffsetFromRunDate':
      if (once) return ['a Once scheduler needs a fixed targetDate'];
      return offsetProblems('targetDate.days', rule.days, MAX_OFFSET_DAYS);
    case 'DayOfMonth': {
      if (once) return ['a Once scheduler needs a fixed targetDate'];
      const dayValid = rule.day === 'Last' || (Number.isInteger(rule.day) && rule.day >= 1 && rule.day <= 31);
      return [
        ...(dayValid ? [] : ['targetDate.day must be 1..31 or Last']),
        ...offsetProblems('targetDate.monthOffset', rule.monthOffset, MAX_MONTH_OFFSET),
      ];
    }
    default:
      return ['targetDate.kind must be Fixed, OffsetFromRunDate or DayOfMonth'];
  }
}

function invoiceDateProblems(definition: SchedulerDefinition): readonly string[] {
  const rule: InvoiceDateRule = definition.invoiceDate;
  switch (rule.kind) {
    case 'Fixed':
      if (definition.frequency !== 'Once')
        return ['a fixed invoiceDate is for Once schedulers; use an offset'];
      return isCalendarDate(rule.date) ? [] : ['invoiceDate.date must be a date YYYY-MM-DD'];
    case 'OffsetFromTargetDate':
    case 'OffsetFromRunDate':
      return offsetProblems('invoiceDate.days', rule.days, MAX_OFFSET_DAYS);
    default:
      return ['invoiceDate.kind must be Fixed, OffsetFromTargetDate or OffsetFromRunDate'];
  }
}

function billingPeriodCountProblems(count: number | null): readonly string[] {
  if (count === null || (Number.isInteger(count) && count >= 1 && count <= 12)) return [];
  return ['billingPeriodCount must be 1..12 or null'];
}

function offsetProblems(field: string, value: number, bound: number): readonly string[] {
  return Number.isInteger(value) && Math.abs(value) <= bound
    ? []
    : [`${field} must be a whole number -${bound}..${bound}`];
}

function includes<Value extends string>(allowed: readonly Value[], value: unknown): value is Value {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

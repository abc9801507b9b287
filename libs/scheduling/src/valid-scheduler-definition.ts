import { assertNever, DomainError } from '@invoice-engine/kernel';
import { normalizeRunCriteria } from './run-criteria';
import {
  WEEKDAYS,
  type InvoiceDateRule,
  type SchedulerDefinition,
  type TargetDateRule,
} from './scheduler-definition';
import { schedulerDefinitionProblems } from './scheduler-definition-problems';

/** A scheduler definition was refused; `problems` lists every reason, the message joins them. */
export class InvalidSchedulerDefinitionError extends DomainError {
  constructor(readonly problems: readonly string[]) {
    super(
      'SCHEDULER.INVALID_DEFINITION',
      'validation',
      `Invalid invoice batch scheduler: ${problems.join('; ')}`,
    );
    this.name = 'InvalidSchedulerDefinitionError';
  }
}

/**
 * Validates a definition and returns it in canonical form (name trimmed, weekdays in week order,
 * holidays sorted and deduplicated, criteria sorted), so that the same definition sent twice is
 * recognised as the same. Throws InvalidSchedulerDefinitionError listing every problem.
 */
export function validSchedulerDefinition(definition: SchedulerDefinition): SchedulerDefinition {
  const problems = schedulerDefinitionProblems(definition);
  if (problems.length > 0) throw new InvalidSchedulerDefinitionError(problems);
  return {
    name: definition.name.trim(),
    frequency: definition.frequency,
    startDate: definition.startDate,
    preferredTime: definition.preferredTime,
    timeZone: definition.timeZone,
    endDate: definition.endDate,
    weeklyDays: WEEKDAYS.filter((day) => definition.weeklyDays.includes(day)),
    monthlyDay: definition.monthlyDay,
    nthWeekday:
      definition.nthWeekday === null
        ? null
        : { ordinal: definition.nthWeekday.ordinal, weekday: definition.nthWeekday.weekday },
    excludeWeekendsAndHolidays: definition.excludeWeekendsAndHolidays,
    holidays: [...new Set(definition.holidays)].sort(),
    criteria: normalizeRunCriteria(definition.criteria),
    invoiceStatus: definition.invoiceStatus,
    targetDate: canonicalTargetDateRule(definition.targetDate),
    invoiceDate: canonicalInvoiceDateRule(definition.invoiceDate),
    billingPeriodCount: definition.billingPeriodCount,
  };
}

/** True when two canonical definitions are the same (validSchedulerDefinition fixes the key order). */
export function sameSchedulerDefinition(left: SchedulerDefinition, right: SchedulerDefinition): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

// Rebuilt key by key: JSON comparison must not depend on the order the sender wrote the keys in.
function canonicalTargetDateRule(rule: TargetDateRule): TargetDateRule {
  switch (rule.kind) {
    case 'Fixed':
      return { kind: rule.kind, date: rule.date };
    case 'OffsetFromRunDate':
      return { kind: rule.kind, days: rule.days };
    case 'DayOfMonth':
      return { kind: rule.kind, day: rule.day, monthOffset: rule.monthOffset };
    default:
      return assertNever(rule, 'target date rule');
  }
}

function canonicalInvoiceDateRule(rule: InvoiceDateRule): InvoiceDateRule {
  switch (rule.kind) {
    case 'Fixed':
      return { kind: rule.kind, date: rule.date };
    case 'OffsetFromTargetDate':
    case 'OffsetFromRunDate':
      return { kind: rule.kind, days: rule.days };
    default:
      return assertNever(rule, 'invoice date rule');
  }
}

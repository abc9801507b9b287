import {
  recordsFromJson,
  validateScheduleRecords,
  type LoadProblem,
} from '@invoice-engine/billing-read-models';
import { validationProblems, type ValidationProblem } from '@invoice-engine/contracts';
import type { RunCriteria } from '@invoice-engine/invoice-batch-runs';
import { calendarDate, currencyCode, DomainError, type CalendarDate } from '@invoice-engine/kernel';
import { taxRateTable, type TaxRate } from '@invoice-engine/tax';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EmbeddedOrg, EmbeddedRunRequest } from '../composition/embedded-batch-run';
import {
  ScenarioDocument,
  type ScenarioPaymentTerm,
  type ScenarioRun,
  type ScenarioTaxRate,
} from './scenario-document';

/** A scenario that passed every check, in the engine's types. */
export interface Scenario {
  readonly org: EmbeddedOrg;
  readonly taxRates: readonly TaxRate[];
  readonly paymentTerms: readonly { readonly id: string; readonly dueDays: number }[];
  /** The schedule objects of the file, already checked by the loader's validation. */
  readonly schedules: readonly Readonly<Record<string, unknown>>[];
  readonly run: EmbeddedRunRequest;
}

/** What the scenario runner prints for an input it refuses (or a run the engine refuses). */
export interface ScenarioError {
  readonly code: string;
  readonly message: string;
}

export type ParsedScenario =
  { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: ScenarioError };

const CRITERIA = [
  'currencies',
  'billingBatches',
  'legalEntityIds',
  'billingAccountIds',
  'chargeTypes',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The optional parts of a scenario, filled in before validation so that their absence is never a problem. */
function withDefaults(document: Record<string, unknown>): Record<string, unknown> {
  const org = isObject(document['org'])
    ? { maxTargetDateOffsetMonths: 12, maxLinesPerInvoice: 2000, ...document['org'] }
    : document['org'];
  const run = document['run'];
  if (!isObject(run)) return { ...document, org };
  const criteria = run['criteria'] === undefined ? {} : run['criteria'];
  return {
    ...document,
    org,
    run: {
      invoiceDate: run['targetDate'],
      billingPeriodCount: null,
      ...run,
      criteria: isObject(criteria)
        ? { ...Object.fromEntries(CRITERIA.map((name) => [name, null])), ...criteria }
        : criteria,
    },
  };
}

function schedulePath(problem: LoadProblem): string {
  const item = `billingSchedules[${problem.row - 1}]`;
  return problem.field === '' ? item : `${item}.${problem.field}`;
}

/** Every schedule through the loader's own checks: its record reading, the terms contract and the decider. */
function scheduleProblems(items: readonly unknown[]): ValidationProblem[] {
  const { records, problems } = recordsFromJson(JSON.stringify(items));
  const validation = validateScheduleRecords(records);
  return [...problems, ...validation.problems]
    .sort((left, right) => left.row - right.row)
    .map((problem) => ({ path: schedulePath(problem), message: problem.reason }));
}

/** The tax lib's rate table rules, rate by rate (to name the rate), then the table (duplicates). */
function taxRateProblems(rates: readonly TaxRate[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  rates.forEach((rate, index) => {
    try {
      taxRateTable([rate]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ path: `taxRates[${index}]`, message: error.message.replace(/^Tax rate #0 /, '') });
    }
  });
  if (problems.length > 0) return problems;
  try {
    taxRateTable(rates);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ path: 'taxRates', message: error.message });
  }
  return problems;
}

function paymentTermProblems(terms: readonly ScenarioPaymentTerm[]): ValidationProblem[] {
  const first = new Map<string, number>();
  return terms.flatMap((term, index) => {
    const earlier = first.get(term.id);
    if (earlier === undefined) {
      first.set(term.id, index);
      return [];
    }
    return [
      {
        path: `paymentTerms[${index}].id`,
        message: `"${term.id}" is already listed at paymentTerms[${earlier}]`,
      },
    ];
  });
}

function taxRatesOf(rates: readonly ScenarioTaxRate[]): TaxRate[] {
  return rates.map((rate) => ({ ...rate, effectiveFrom: calendarDate(rate.effectiveFrom) }));
}

/** The contract class's validated lists as the domain's plain criteria. */
function criteriaOf(criteria: ScenarioRun['criteria']): RunCriteria {
  return {
    currencies: criteria.currencies === null ? null : criteria.currencies.map(currencyCode),
    billingBatches: criteria.billingBatches === null ? null : [...criteria.billingBatches],
    legalEntityIds: criteria.legalEntityIds === null ? null : [...criteria.legalEntityIds],
    billingAccountIds: criteria.billingAccountIds === null ? null : [...criteria.billingAccountIds],
    chargeTypes: criteria.chargeTypes === null ? null : [...criteria.chargeTypes],
  };
}

function invalid(problems: readonly ValidationProblem[]): ParsedScenario {
  const described = problems.map((problem) =>
    problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`,
  );
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return {
    ok: false,
    error: { code: 'SCENARIO.INVALID', message: `The scenario has ${count}: ${described.join('; ')}` },
  };
}

/**
 * Reads a scenario file's text (DOMAIN.md section 7): JSON, then class-validator on every part with the
 * JSON path of each problem, the billing schedules through the schedule loader's validation, the tax
 * rates through the tax lib's table rules. Every problem is reported, not only the first.
 */
export function parseScenario(text: string): ParsedScenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'SCENARIO.NOT_JSON', message: `The scenario is not JSON: ${(error as Error).message}` },
    };
  }
  if (!isObject(raw)) return invalid([{ path: '', message: 'the scenario must be a JSON object' }]);
  const document = plainToInstance(ScenarioDocument, withDefaults(raw));
  const errors = validateSync(document, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  const problems = validationProblems(errors, '').map((problem) =>
    // class-validator's whitelist message ("property x should not exist") in the words of the loader.
    /^property \S+ should not exist$/.test(problem.message)
      ? { path: problem.path, message: 'is not a field of a scenario' }
      : problem,
  );
  if (problems.length > 0) return invalid(problems);
  const schedules = scheduleProblems(document.billingSchedules);
  const taxRates = taxRatesOf(document.taxRates);
  const later = [...taxRateProblems(taxRates), ...paymentTermProblems(document.paymentTerms), ...schedules];
  if (later.length > 0) return invalid(later);
  const { org, run } = document;
  return {
    ok: true,
    scenario: {
      org: {
        today: calendarDate(org.today),
        defaultCurrency: currencyCode(org.defaultCurrency),
        maxTargetDateOffsetMonths: org.maxTargetDateOffsetMonths,
        maxLinesPerInvoice: org.maxLinesPerInvoice,
      },
      taxRates,
      paymentTerms: document.paymentTerms.map(({ id, dueDays }) => ({ id, dueDays })),
      schedules: document.billingSchedules as Readonly<Record<string, unknown>>[],
      run: {
        targetDate: run.targetDate as CalendarDate,
        invoiceDate: run.invoiceDate as CalendarDate,
        invoiceStatus: run.invoiceStatus,
        criteria: criteriaOf(run.criteria),
        billingPeriodCount: run.billingPeriodCount,
      },
    },
  };
}

import { parseCsv } from './csv-records';

/** One billing schedule as a file gives it: field name → value, with the row it came from. */
export interface ScheduleRecord {
  /** CSV: the line the record starts on (the header is line 1). JSON: the 1-based array index. */
  readonly row: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Something wrong with a row (row 0 = the file as a whole), in the loader's report. */
export interface LoadProblem {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export interface ScheduleRecords {
  readonly records: readonly ScheduleRecord[];
  readonly problems: readonly LoadProblem[];
}

/** DOMAIN.md section 1 terms that may be null (absent or an empty CSV cell). */
const NULLABLE = [
  'billingScheduleGroupId',
  'billToContactId',
  'paymentTermId',
  'legalEntityId',
  'taxEngineId',
  'taxCode',
  'billToAddress',
  'savedPaymentMethodId',
  'customInvoiceGroupKey',
  'billingBatch',
  'billDayOfMonth',
  'unitPrice',
  'totalAmount',
  'startDate',
  'endDate',
  'cancellationDate',
  'suspension',
] as const;

/** DOMAIN.md section 1 defaults (a null anchor day means the start date's day). */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  billingTerm: 1,
  pricingTermUnit: 'Month',
  partialPeriodTreatment: 'Separate',
  remainderStrategy: 'AddToLast',
};

const REQUIRED = [
  'id',
  'billingAccountId',
  'currency',
  'invoiceGroupType',
  'chargeType',
  'billingMethod',
  'billingType',
  'billingTermUnit',
  'quantity',
  'activated',
  'holdBilling',
  'generateInvoice',
] as const;

/**
 * The schedule's state (DOMAIN.md section 1): optional, derived from the start when absent. A row that
 * gives some is a schedule created mid-life; the billing-schedules decider checks them against the terms.
 */
export const STATE_FIELDS = [
  'status',
  'invoiceRunProcessingStatus',
  'nextChargeFromDate',
  'nextBillingDate',
  'billedThroughDate',
  'billedAmount',
  'pendingAmount',
] as const;

const TOP_LEVEL_FIELDS = new Set<string>([...REQUIRED, ...NULLABLE, ...Object.keys(DEFAULTS)]);
const NESTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  billToAddress: ['country', 'region'],
  suspension: ['from', 'resumeOn'],
};
/** Flattened CSV column names: every field, nested ones as `billToAddress.country`. */
export const CSV_COLUMNS: readonly string[] = [...TOP_LEVEL_FIELDS].flatMap((field) =>
  (NESTED_FIELDS[field] ?? [null]).map((nested) => (nested === null ? field : `${field}.${nested}`)),
);
const BOOLEAN_FIELDS = new Set(['activated', 'holdBilling', 'generateInvoice']);
const INTEGER_FIELDS = new Set(['billingTerm', 'billDayOfMonth']);

/** Missing nullable fields are null, missing defaulted fields take their default; the rest stay missing. */
function completed(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...fields };
  for (const field of NULLABLE) if (result[field] === undefined) result[field] = null;
  for (const [field, value] of Object.entries(DEFAULTS)) {
    if (result[field] === undefined || result[field] === null) result[field] = value;
  }
  return result;
}

/** A JSON array of schedules (objects with the field names of DOMAIN.md section 1). */
export function recordsFromJson(text: string): ScheduleRecords {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      records: [],
      problems: [{ row: 0, field: '', reason: `not JSON: ${(error as Error).message}` }],
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      records: [],
      problems: [{ row: 0, field: '', reason: 'a JSON file must hold an array of schedules' }],
    };
  }
  const records: ScheduleRecord[] = [];
  const problems: LoadProblem[] = [];
  parsed.forEach((item: unknown, index) => {
    const row = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ row, field: '', reason: 'must be an object' });
      return;
    }
    const fields = item as Record<string, unknown>;
    const stateFields = new Set<string>(STATE_FIELDS);
    for (const key of Object.keys(fields)) {
      if (!TOP_LEVEL_FIELDS.has(key) && !stateFields.has(key))
        problems.push({ row, field: key, reason: 'is not a field of a billing schedule' });
    }
    records.push({ row, fields: completed(fields) });
  });
  return { records, problems };
}

/** State dates a CSV row may give as "no date" on purpose; an empty cell leaves them to be derived. */
const NULLABLE_STATE_COLUMNS = new Set(['nextBillingDate', 'billedThroughDate']);

function csvValue(column: string, cell: string): unknown {
  const value = cell.trim();
  if (value === '') return undefined;
  if (NULLABLE_STATE_COLUMNS.has(column) && value === 'null') return null;
  if (BOOLEAN_FIELDS.has(column) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (INTEGER_FIELDS.has(column) && /^\d+$/.test(value)) return Number(value);
  return value;
}

/** `billToAddress.country` and `.region` into `billToAddress`; all of a group's cells empty = null. */
function nest(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const groups = new Map<string, Record<string, unknown>>();
  for (const [column, value] of Object.entries(flat)) {
    const [parent, child] = column.split('.');
    if (parent === undefined || value === undefined) continue;
    if (child === undefined) {
      fields[parent] = value;
      continue;
    }
    const group = groups.get(parent) ?? {};
    group[child] = value;
    groups.set(parent, group);
  }
  for (const [parent, group] of groups) {
    for (const child of NESTED_FIELDS[parent] ?? []) group[child] ??= null;
    fields[parent] = group;
  }
  return fields;
}

/** A CSV file whose header names the fields, nested ones flattened (`billToAddress.country`, `suspension.from`). */
export function recordsFromCsv(text: string): ScheduleRecords {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (error) {
    return { records: [], problems: [{ row: 0, field: '', reason: (error as Error).message }] };
  }
  const known = new Set<string>([...CSV_COLUMNS, ...STATE_FIELDS]);
  const problems: LoadProblem[] = table.header
    .filter((column) => !known.has(column))
    .map((column) => ({ row: 1, field: column, reason: 'is not a field of a billing schedule' }));
  const records = table.records.map(({ line, cells }) => {
    if (cells.length !== table.header.length) {
      problems.push({
        row: line,
        field: '',
        reason: `has ${cells.length} cells; the header has ${table.header.length}`,
      });
    }
    const flat = Object.fromEntries(
      table.header.map((column, index) => [column, csvValue(column, cells[index] ?? '')]),
    );
    return { row: line, fields: completed(nest(flat)) };
  });
  return { records, problems };
}

/** Reads a file by its extension: `.json` or `.csv`. */
export function scheduleRecordsOf(fileName: string, text: string): ScheduleRecords {
  if (/\.json$/i.test(fileName)) return recordsFromJson(text);
  if (/\.csv$/i.test(fileName)) return recordsFromCsv(text);
  return {
    records: [],
    problems: [{ row: 0, field: '', reason: `${fileName}: only .json and .csv files are read` }],
  };
}

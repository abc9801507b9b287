import { calendarDate, isCalendarDate, type CalendarDate } from '@invoice-engine/kernel';

/** What `npm start` runs: the size and shape of the demo data set and the run. */
export interface DemoOptions {
  readonly schedules: number;
  readonly accounts: number;
  readonly targetDate: CalendarDate;
  readonly invoiceStatus: 'Draft' | 'Posted';
  readonly seed: number;
  /** Keep the databases in this directory instead of memory. */
  readonly dataDirectory: string | null;
}

export type DemoCommandLine =
  | { readonly kind: 'run'; readonly options: DemoOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly message: string };

export const DEMO_HELP = `Runs an invoice batch run on a generated demo data set, in one process (PGlite, in-process bus).

usage: npm start -- [flags]
       npm run scenario -- <scenario.json>

flags:
  --schedules <n>          billing schedules to generate (1..200000, default 3000)
  --accounts <n>           billing accounts they belong to (default: schedules / 10)
  --target-date <date>     the run's target date, YYYY-MM-DD (default: today, UTC)
  --invoice-status <s>     Draft or Posted (default Draft)
  --seed <n>               seed of the generator: the same seed gives the same data set (default 1)
  --data-dir <dir>         keep the event store and read models in <dir> (default: memory only)
  --help                   this text
`;

const MAX_SCHEDULES = 200_000;

function wholeNumber(flag: string, value: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(value)) return `${flag} must be a whole number, got "${value}"`;
  const number = Number(value);
  return number < min || number > max ? `${flag} must be between ${min} and ${max}, got ${number}` : number;
}

/** Splits `--flag value` and `--flag=value` into pairs; a flag without a value is an error. */
function flagPairs(args: readonly string[]): [string, string | null][] | string {
  const pairs: [string, string | null][] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) return `unexpected argument "${arg}"`;
    const equals = arg.indexOf('=');
    if (equals > 0) pairs.push([arg.slice(0, equals), arg.slice(equals + 1)]);
    else if (arg === '--help') pairs.push([arg, null]);
    else {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      pairs.push([arg, value]);
      index += 1;
    }
  }
  return pairs;
}

/** Parses the demo's flags; `today` is the default target date. */
export function parseDemoCommandLine(args: readonly string[], today: CalendarDate): DemoCommandLine {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  const pairs = flagPairs(args);
  if (typeof pairs === 'string') return { kind: 'invalid', message: pairs };
  const values = new Map<string, string>();
  for (const [flag, value] of pairs) {
    if (values.has(flag)) return { kind: 'invalid', message: `${flag} is given twice` };
    values.set(flag, value ?? '');
  }
  const known = ['--schedules', '--accounts', '--target-date', '--invoice-status', '--seed', '--data-dir'];
  const unknown = [...values.keys()].find((flag) => !known.includes(flag));
  if (unknown !== undefined) return { kind: 'invalid', message: `unknown flag ${unknown}` };

  const schedules = wholeNumber('--schedules', values.get('--schedules') ?? '3000', 1, MAX_SCHEDULES);
  if (typeof schedules === 'string') return { kind: 'invalid', message: schedules };
  const accountsDefault = String(Math.max(1, Math.round(schedules / 10)));
  const accounts = wholeNumber('--accounts', values.get('--accounts') ?? accountsDefault, 1, schedules);
  if (typeof accounts === 'string') return { kind: 'invalid', message: accounts };
  const seed = wholeNumber('--seed', values.get('--seed') ?? '1', 0, 2 ** 32 - 1);
  if (typeof seed === 'string') return { kind: 'invalid', message: seed };
  const targetDate = values.get('--target-date') ?? today;
  if (!isCalendarDate(targetDate)) {
    return {
      kind: 'invalid',
      message: `--target-date must be a calendar date YYYY-MM-DD, got "${targetDate}"`,
    };
  }
  const invoiceStatus = values.get('--invoice-status') ?? 'Draft';
  if (invoiceStatus !== 'Draft' && invoiceStatus !== 'Posted') {
    return { kind: 'invalid', message: `--invoice-status must be Draft or Posted, got "${invoiceStatus}"` };
  }
  return {
    kind: 'run',
    options: {
      schedules,
      accounts,
      targetDate: calendarDate(targetDate),
      invoiceStatus,
      seed,
      dataDirectory: values.get('--data-dir') ?? null,
    },
  };
}

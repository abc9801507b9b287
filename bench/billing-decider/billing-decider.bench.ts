// CPU cost of the billing-schedule domain code that invoice generation runs per schedule, without any I/O.
// Run:
//   node -r @swc-node/register bench/billing-decider/billing-decider.bench.ts [--schedules 20000]
//        [--seed 1] [--repeat 3]
// Builds the schedules the batch-run bench seeds (same generator, as of 2026-06-30), folds each one's
// creation, then times the steps of a run with target date 2026-06-30: eligibility for all; for the due
// ones the dry-run `InvoiceBillingSchedulePeriods` decide, the evolve of its events, and the same decide
// again on a reloaded copy (completion reads the streams again: new terms objects); the posting of the
// draft; then next month's run (2026-07-31) on reloaded copies. Every repetition starts from fresh
// copies of the terms, so no answer carries over between repetitions; the least CPU time per step is
// reported, with a checksum of all answers so equal results are visible.
import {
  billingScheduleDecider,
  checkEligibility,
  type BillablePeriod,
  type BillingSchedule,
  type BillingScheduleEvent,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate, instant, type CalendarDate } from '@invoice-engine/kernel';
import { createdSchedule, generateBillingSchedules } from '@invoice-engine/testing';
import { ResultChecksum } from './result-checksum';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number ≥ 1`);
  return value;
}

const scheduleCount = option('--schedules', 20_000);
const seed = option('--seed', 1);
const repeat = option('--repeat', 3);
const AS_OF = calendarDate('2026-06-30');
const NEXT_MONTH = calendarDate('2026-07-31');

interface Step {
  readonly name: string;
  readonly items: number;
  readonly ms: number;
}

/** CPU time (user + system) rather than wall time: the machine is shared, and CPU is what is scarce. */
function timed<T>(steps: Step[], name: string, items: number, work: () => T): T {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  steps.push({ name, items, ms: (used.user + used.system) / 1000 });
  return result;
}

function invoiceCommand(schedule: BillingSchedule, run: string, periods: readonly BillablePeriod[]) {
  return {
    type: 'InvoiceBillingSchedulePeriods' as const,
    billingScheduleId: schedule.terms.id,
    runId: `run-${run}`,
    runStartedAt: instant(`${run}T05:00:00.000Z`),
    invoiceId: `invoice-${run}-${schedule.terms.billingAccountId}`,
    invoiceStatus: 'Draft' as const,
    periods,
  };
}

interface Decided {
  readonly schedule: BillingSchedule;
  readonly periods: readonly BillablePeriod[];
  readonly events: readonly BillingScheduleEvent[];
}

/** One run's per-schedule work in generation: eligibility, then the dry-run decide of the due ones. */
function billingRun(
  steps: Step[],
  label: string,
  schedules: readonly BillingSchedule[],
  target: CalendarDate,
) {
  const request = { targetDate: target, billingPeriodCount: null };
  const answers = timed(steps, `${label} eligibility`, schedules.length, () =>
    schedules.map((schedule) => checkEligibility(schedule.terms, schedule, request)),
  );
  const due = schedules.flatMap((schedule, index) => {
    const answer = answers[index];
    return answer?.outcome === 'Due' ? [{ schedule, periods: answer.periods }] : [];
  });
  const decided = timed(steps, `${label} decide (dry run)`, due.length, () =>
    due.map(({ schedule, periods }): Decided => {
      const command = invoiceCommand(schedule, target, periods);
      return { schedule, periods, events: billingScheduleDecider.decide(command, schedule) };
    }),
  );
  return { answers, decided };
}

function evolved(schedule: BillingSchedule, events: readonly BillingScheduleEvent[]): BillingSchedule {
  const after = events.reduce(billingScheduleDecider.evolve, schedule);
  if (after.status === 'NotCreated') throw new Error(`${schedule.terms.id} vanished`);
  return after;
}

/** The draft the run left is posted before next month's run (its lines no longer hold the schedule). */
function posted(schedule: BillingSchedule, run: CalendarDate) {
  const invoiceId = invoiceCommand(schedule, run, []).invoiceId;
  const events = billingScheduleDecider.decide(
    { type: 'PostDraftInvoice', billingScheduleId: schedule.terms.id, invoiceId },
    schedule,
  );
  return { events, schedule: evolved(schedule, events) };
}

function repetition(terms: readonly BillingScheduleTerms[], checksum: ResultChecksum | null): Step[] {
  const steps: Step[] = [];
  const fresh = structuredClone(terms);
  const schedules = timed(steps, 'create (decide + evolve)', fresh.length, () => fresh.map(createdSchedule));
  const first = billingRun(steps, AS_OF, schedules, AS_OF);
  const after = timed(steps, `${AS_OF} evolve`, first.decided.length, () =>
    first.decided.map(({ schedule, events }) => evolved(schedule, events)),
  );
  // Completion decides again on schedules read from their streams: copies with new terms objects.
  const reloaded = structuredClone(first.decided);
  const again = timed(steps, `${AS_OF} decide (reloaded)`, reloaded.length, () =>
    reloaded.map(({ schedule, periods }) =>
      billingScheduleDecider.decide(invoiceCommand(schedule, AS_OF, periods), schedule),
    ),
  );
  const drafts = structuredClone(after);
  const postings = timed(steps, `${AS_OF} post draft`, drafts.length, () =>
    drafts.map((schedule) => posted(schedule, AS_OF)),
  );
  const afterById = new Map(postings.map(({ schedule }) => [schedule.terms.id, schedule]));
  const nextMonth = structuredClone(
    schedules.map((schedule) => afterById.get(schedule.terms.id) ?? schedule),
  );
  const second = billingRun(steps, NEXT_MONTH, nextMonth, NEXT_MONTH);
  if (checksum !== null) {
    schedules.forEach((schedule) => checksum.add(schedule));
    [...first.answers, ...second.answers].forEach((answer) => checksum.eligibility(answer));
    [...first.decided, ...second.decided].forEach(({ events }) => checksum.add(events));
    checksum.add(again);
    checksum.add(after);
    checksum.add(postings.map(({ events }) => events));
  }
  return steps;
}

function main(): void {
  const terms = [
    ...generateBillingSchedules({ seed, schedules: scheduleCount, idPrefix: 'bs', asOf: AS_OF }),
  ];
  const checksum = new ResultChecksum();
  const runs = Array.from({ length: repeat }, (_, index) => repetition(terms, index === 0 ? checksum : null));
  console.log(`${scheduleCount} schedules, seed ${seed}, best of ${repeat} (ms, µs per item)`);
  const names = runs[0]?.map((step) => step.name) ?? [];
  let total = 0;
  names.forEach((name, index) => {
    const best = Math.min(...runs.map((steps) => steps[index]?.ms ?? Number.POSITIVE_INFINITY));
    const items = runs[0]?.[index]?.items ?? 0;
    total += best;
    const perItem = items === 0 ? 0 : (best * 1000) / items;
    console.log(
      `  ${name.padEnd(34)} ${best.toFixed(1).padStart(8)} ms  ${items.toString().padStart(6)} × ${perItem.toFixed(1).padStart(6)} µs`,
    );
  });
  console.log(`  ${'total'.padEnd(34)} ${total.toFixed(1).padStart(8)} ms`);
  console.log(`checksum: ${checksum.toString()}`);
}

main();

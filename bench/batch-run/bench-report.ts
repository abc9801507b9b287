import type { PipelineService, RunRow, StageRow } from '@invoice-engine/testing';
import { cpus } from 'node:os';
import type { BenchOptions } from './bench-options';
import type { MachineCpu } from './machine-cpu';

export interface BenchMeasurements {
  readonly options: BenchOptions;
  readonly seeding: { readonly created: number; readonly ms: number };
  readonly servicesStartMs: number;
  readonly initialProjectionMs: number;
  readonly run: RunRow;
  /** The run's stage history and when the run was requested (the bench's clock; the services share it). */
  readonly stages: readonly StageRow[];
  readonly requestedAt: number;
  /** From the run request to the run's row saying Completed or Failed; null when it did not end in time. */
  readonly totalMs: number | null;
  /** From the run request to the first of its invoices readable in the read model. */
  readonly firstInvoiceMs: number | null;
  /** From the run's end (as read) until every projection reached the last event of its types. */
  readonly readModelCatchUpMs: number | null;
  readonly eventsAppendedByRun: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly peakMemoryKb: Readonly<Record<PipelineService, number | null>>;
  /** CPU seconds each service used from the run request until the read models caught up. */
  readonly cpuSecondsDuringRun: Readonly<Record<string, number | null>>;
  /** Over the same window: PostgreSQL, the broker and every core of the machine (other work included). */
  readonly machineCpu: MachineCpu;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (count: number, ms: number) => (ms <= 0 ? 'n/a' : `${Math.round((count * 1000) / ms)}/s`);

/** Where the run's time went: each status subtype's first appearance, as seconds after the request. */
function stageTimeline(stages: readonly StageRow[], requestedAt: number): string[] {
  const firstSeen = new Map<string, number>();
  for (const stage of stages)
    if (!firstSeen.has(stage.status_subtype))
      firstSeen.set(stage.status_subtype, stage.occurred_at.getTime() - requestedAt);
  const cells = [...firstSeen].map(([subtype, ms]) => `${subtype} ${(ms / 1000).toFixed(1)}`);
  const lines: string[] = [];
  for (let index = 0; index < cells.length; index += 3)
    lines.push(`                        ${cells.slice(index, index + 3).join(' · ')}`);
  return lines;
}

export function printReport(m: BenchMeasurements): void {
  const run = m.run;
  const lines = [
    '',
    `batch run bench: ${m.options.schedules} schedules, ${m.options.accounts} accounts, ${m.options.invoiceStatus} run`,
    `  seeding               ${s(m.seeding.ms)} (${perSecond(m.seeding.created, m.seeding.ms)} schedules)`,
    `  services started in   ${s(m.servicesStartMs)}; seeded schedules projected in ${s(m.initialProjectionMs)}`,
    `  run                   ${run.status} (${run.status_subtype}); ${run.total_filtered_billing_schedules} schedules selected of ${run.billing_schedules_scanned}, ${run.total_invoices_generated} invoices (${run.total_invoices_failed} failed)`,
    m.totalMs === null
      ? `  total time            not ended within ${s(m.options.timeoutMs)}: ${run.groups_completed} of ${run.groups_expected} work items summarized`
      : `  total time            ${s(m.totalMs)} (request → run row ${run.status})`,
    `  schedules/s           ${m.totalMs === null ? 'n/a' : `${perSecond(run.total_billing_schedules_processed, m.totalMs)} processed, ${perSecond(run.billing_schedules_scanned, m.totalMs)} scanned`}`,
    `  invoices/s            ${m.totalMs === null ? 'n/a' : perSecond(run.total_invoices_generated, m.totalMs)}`,
    `  first invoice         ${m.firstInvoiceMs === null ? (m.totalMs === null ? 'n/a (the run did not end)' : 'none readable before the end') : `${s(m.firstInvoiceMs)} after the request`}`,
    `  stages (s after the request, first time each subtype was recorded)`,
    ...stageTimeline(m.stages, m.requestedAt),
    `  read models caught up ${m.readModelCatchUpMs === null ? 'n/a' : `${s(m.readModelCatchUpMs)} after the run row ended`}`,
    `  events appended       ${m.eventsAppendedByRun} by the run`,
    `  peak RSS (VmHWM)      ${Object.entries(m.peakMemoryKb)
      .map(([service, kb]) => `${service} ${kb === null ? '?' : `${Math.round(kb / 1024)} MB`}`)
      .join(', ')}`,
    `  CPU during the run    ${Object.entries(m.cpuSecondsDuringRun)
      .map(([service, cpu]) => `${service} ${cpu === null ? '?' : `${cpu.toFixed(1)} s`}`)
      .join(', ')}`,
    `  CPU outside services  postgres ${m.machineCpu.postgres.toFixed(1)} s, kafka broker ${m.machineCpu.kafka.toFixed(1)} s; whole machine busy ${m.machineCpu.machineBusy.toFixed(1)} s of ${cpus().length} cores`,
    `  events by type        ${Object.entries(m.eventsByType)
      .sort(([left], [right]) => (left < right ? -1 : 1))
      .map(([type, count]) => `${type} ${count}`)
      .join(', ')}`,
  ];
  console.log(lines.join('\n'));
}

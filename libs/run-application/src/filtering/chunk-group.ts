import type { FilteredGroup } from '@invoice-engine/invoice-batch-runs';

/** A selected schedule of a group with the number of invoice lines it brings (one per billable period). */
export interface SelectedSchedule {
  readonly billingScheduleId: string;
  readonly lineCount: number;
}

export interface ChunkLimits {
  /** Most invoice lines per invoice (DOMAIN.md section 6, default 2,000). */
  readonly linesPerInvoice: number;
  /** Most schedules one work item may carry (the contract's bound). */
  readonly schedulesPerWorkItem: number;
}

/**
 * Splits one group into work items of at most `linesPerInvoice` lines, in billing schedule id order
 * (the order of the invoice's lines). A schedule's lines stay in one chunk, so a schedule is updated by
 * one invoice only; a schedule alone over the limit gets a chunk of its own and invoice assembly
 * splits it further.
 */
export function chunkGroup(
  groupingKey: string,
  schedules: readonly SelectedSchedule[],
  limits: ChunkLimits,
): readonly FilteredGroup[] {
  const ordered = [...schedules].sort((left, right) =>
    left.billingScheduleId < right.billingScheduleId
      ? -1
      : left.billingScheduleId > right.billingScheduleId
        ? 1
        : 0,
  );
  const chunks: string[][] = [];
  let current: string[] = [];
  let lines = 0;
  for (const schedule of ordered) {
    const full =
      lines + schedule.lineCount > limits.linesPerInvoice || current.length >= limits.schedulesPerWorkItem;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      lines = 0;
    }
    current.push(schedule.billingScheduleId);
    lines += schedule.lineCount;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((billingScheduleIds, chunkIndex) => ({
    groupingKey,
    chunkIndex,
    chunkCount: chunks.length,
    billingScheduleIds,
  }));
}

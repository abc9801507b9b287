import type { ReadModelQueries, RunRow } from './read-model-queries';

/** What watching a run through its read model showed. */
export interface RunObservation {
  readonly run: RunRow;
  /** Milliseconds from the start of the watch until a successful invoice of the run was first readable; null if never before the end. */
  readonly firstInvoiceReadableAfterMs: number | null;
  /** Whether that invoice was readable while the run was not yet Completed or Failed. */
  readonly invoiceReadableBeforeRunEnded: boolean;
  /** Milliseconds from the start of the watch until the run's row said Completed or Failed. */
  readonly endedAfterMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls the read model while a run works: the first moment one of its invoices (Draft or Posted) can
 * be read, and the moment its row reaches Completed or Failed. Reading the invoice before the run row
 * (same poll) means a reader saw the invoice while the run was still going.
 */
export async function observeRun(
  queries: ReadModelQueries,
  runId: string,
  options: { readonly timeoutMs: number; readonly intervalMs?: number; readonly startedAt?: number },
): Promise<RunObservation> {
  const startedAt = options.startedAt ?? Date.now();
  const deadline = startedAt + options.timeoutMs;
  let firstInvoice: number | null = null;
  let readableBeforeEnd = false;
  for (;;) {
    const invoiced = firstInvoice === null ? await queries.successfulInvoiceCount(runId) : 1;
    const run = await queries.run(runId);
    const ended = run?.status === 'Completed' || run?.status === 'Failed';
    if (invoiced > 0 && firstInvoice === null) {
      firstInvoice = Date.now() - startedAt;
      readableBeforeEnd = !ended;
    }
    if (ended && run !== undefined) {
      return {
        run,
        firstInvoiceReadableAfterMs: firstInvoice,
        invoiceReadableBeforeRunEnded: readableBeforeEnd,
        endedAfterMs: Date.now() - startedAt,
      };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `run ${runId} did not end within ${options.timeoutMs} ms (last: ${run?.status ?? 'no row'} ${run?.status_subtype ?? ''})`,
      );
    }
    await sleep(options.intervalMs ?? 100);
  }
}

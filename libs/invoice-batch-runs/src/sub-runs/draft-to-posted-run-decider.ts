import {
  DomainError,
  addMoney,
  assertNever,
  zeroMoney,
  type CurrencyCode,
  type Decider,
  type Instant,
  type Money,
} from '@invoice-engine/kernel';
import { singleTotalRule } from '../currency-totals';
import type {
  DraftToPostedRunCommand,
  DraftToPostedRunCounts,
  DraftToPostedRunEvent,
  DraftToPostedRunRecord,
  DraftToPostedRunState,
  InvoicePostingResult,
} from './draft-to-posted-run';
import { checkDistinctSelection, newItemResults, type ItemResult } from './item-results';
import { subRunStatus } from './sub-run-status';

type Command<Type extends DraftToPostedRunCommand['type']> = Extract<DraftToPostedRunCommand, { type: Type }>;

function postedAmount(amounts: Readonly<Record<string, Money>>, defaultCurrency: CurrencyCode): Money | null {
  switch (singleTotalRule(Object.keys(amounts), defaultCurrency)) {
    case 'NoInvoice':
      return zeroMoney(defaultCurrency);
    case 'DefaultCurrencyOnly':
      return amounts[defaultCurrency] ?? null;
    case 'NotReportable':
      return null;
  }
}

export function draftToPostedRunCounts(run: DraftToPostedRunRecord): DraftToPostedRunCounts {
  const results = Object.values(run.results);
  const amounts: Record<string, Money> = {};
  for (const result of results) {
    if (result.status !== 'Posted') continue;
    const { currency } = result.total;
    amounts[currency] = addMoney(amounts[currency] ?? zeroMoney(currency), result.total);
  }
  const postedAmountsByCurrency = Object.fromEntries(
    Object.entries(amounts).sort(([left], [right]) => (left < right ? -1 : 1)),
  );
  return {
    selectedInvoices: run.selectedInvoiceIds.length,
    postedInvoices: results.filter((result) => result.status === 'Posted').length,
    failedInvoices: results.filter((result) => result.status === 'Failed').length,
    postedAmountsByCurrency,
    postedAmount: postedAmount(postedAmountsByCurrency, run.defaultCurrency),
  };
}

function withResults(
  run: DraftToPostedRunRecord,
  results: readonly ItemResult<InvoicePostingResult>[],
): DraftToPostedRunRecord {
  const added = Object.fromEntries(results.map((item) => [item.invoiceId, item.result]));
  return { ...run, results: { ...run.results, ...added } };
}

function completedIfDone(run: DraftToPostedRunRecord, at: Instant): readonly DraftToPostedRunEvent[] {
  if (Object.keys(run.results).length < run.selectedInvoiceIds.length) return [];
  const counts = draftToPostedRunCounts(run);
  const { draftToPostedRunId, invoiceBatchRunId } = run;
  const status = subRunStatus(counts.postedInvoices, counts.failedInvoices);
  return [
    {
      type: 'DraftToPostedRunCompleted',
      data: { draftToPostedRunId, invoiceBatchRunId, status, counts, completedAt: at },
    },
  ];
}

function decideStart(
  command: Command<'StartDraftToPostedRun'>,
  state: DraftToPostedRunState,
): readonly DraftToPostedRunEvent[] {
  const { type: _type, ...data } = command;
  checkDistinctSelection(`Draft-to-posted run ${command.draftToPostedRunId}`, command.selectedInvoiceIds);
  if (state.status !== 'NotStarted') {
    const same =
      state.run.invoiceBatchRunId === command.invoiceBatchRunId &&
      state.run.selectedInvoiceIds.join('\n') === command.selectedInvoiceIds.join('\n');
    if (same) return [];
    throw new DomainError(
      'DRAFT_TO_POSTED_RUN.ALREADY_STARTED',
      'conflict',
      `Draft-to-posted run ${command.draftToPostedRunId} already started differently`,
    );
  }
  const started: DraftToPostedRunEvent = { type: 'DraftToPostedRunStarted', data };
  const { startedAt: _startedAt, ...run } = data;
  return [started, ...completedIfDone({ ...run, results: {} }, command.startedAt)];
}

function samePostingResult(left: InvoicePostingResult, right: InvoicePostingResult): boolean {
  if (left.status === 'Posted' && right.status === 'Posted') {
    return (
      left.invoiceNumber === right.invoiceNumber &&
      left.total.currency === right.total.currency &&
      left.total.minorUnits === right.total.minorUnits
    );
  }
  return left.status === right.status && left.status === 'Failed';
}

function decideRecord(
  command: Command<'RecordInvoicePostingResults'>,
  state: DraftToPostedRunState,
): readonly DraftToPostedRunEvent[] {
  if (state.status === 'NotStarted') {
    throw new DomainError(
      'DRAFT_TO_POSTED_RUN.NOT_FOUND',
      'not-found',
      `Draft-to-posted run ${command.draftToPostedRunId} never started`,
    );
  }
  const { run } = state;
  const results = newItemResults(
    `Draft-to-posted run ${run.draftToPostedRunId}`,
    new Set(run.selectedInvoiceIds),
    run.results,
    command.results,
    samePostingResult,
  );
  if (results.length === 0) return [];
  const { draftToPostedRunId, recordedAt } = command;
  return [
    { type: 'InvoicePostingResultsRecorded', data: { draftToPostedRunId, results, recordedAt } },
    ...completedIfDone(withResults(run, results), recordedAt),
  ];
}

export function evolveDraftToPostedRun(
  state: DraftToPostedRunState,
  event: DraftToPostedRunEvent,
): DraftToPostedRunState {
  switch (event.type) {
    case 'DraftToPostedRunStarted': {
      const { startedAt: _startedAt, ...run } = event.data;
      return { status: 'Started', run: { ...run, results: {} } };
    }
    case 'InvoicePostingResultsRecorded': {
      return state.status === 'NotStarted'
        ? state
        : { ...state, run: withResults(state.run, event.data.results) };
    }
    case 'DraftToPostedRunCompleted':
      return state.status === 'NotStarted'
        ? state
        : { status: event.data.status, run: state.run, counts: event.data.counts };
    default:
      return assertNever(event, 'draft-to-posted run event');
  }
}

/** The decider of a draft-to-posted run; it completes itself when the last selected invoice has a result. */
export const draftToPostedRunDecider: Decider<
  DraftToPostedRunCommand,
  DraftToPostedRunEvent,
  DraftToPostedRunState
> = {
  decide: (command, state) => {
    switch (command.type) {
      case 'StartDraftToPostedRun':
        return decideStart(command, state);
      case 'RecordInvoicePostingResults':
        return decideRecord(command, state);
      default:
        return assertNever(command, 'draft-to-posted run command');
    }
  },
  evolve: evolveDraftToPostedRun,
  initialState: () => ({ status: 'NotStarted' }),
};

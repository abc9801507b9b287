import { DomainError, assertNever, type Decider, type Instant } from '@invoice-engine/kernel';
import { checkDistinctSelection, newItemResults, type ItemResult } from './item-results';
import {
  RECOVERABLE_INVOICE_STATUSES,
  type InvoiceRecoveryResult,
  type RecoveryRunCommand,
  type RecoveryRunCounts,
  type RecoveryRunEvent,
  type RecoveryRunRecord,
  type RecoveryRunState,
} from './recovery-run';
import { subRunStatus } from './sub-run-status';

type Command<Type extends RecoveryRunCommand['type']> = Extract<RecoveryRunCommand, { type: Type }>;

export function recoveryRunCounts(run: RecoveryRunRecord): RecoveryRunCounts {
  const results = Object.values(run.results);
  return {
    selectedInvoices: run.stuckInvoices.length,
    recoveredInvoices: results.filter((result) => result.status === 'Recovered').length,
    unrecoveredInvoices: results.filter((result) => result.status === 'Unrecovered').length,
    billingSchedulesReset: results.reduce(
      (total, result) => total + (result.status === 'Recovered' ? result.billingSchedulesReset : 0),
      0,
    ),
  };
}

function withResults(
  run: RecoveryRunRecord,
  results: readonly ItemResult<InvoiceRecoveryResult>[],
): RecoveryRunRecord {
  const added = Object.fromEntries(results.map((item) => [item.invoiceId, item.result]));
  return { ...run, results: { ...run.results, ...added } };
}

function completedIfDone(run: RecoveryRunRecord, at: Instant): readonly RecoveryRunEvent[] {
  if (Object.keys(run.results).length < run.stuckInvoices.length) return [];
  const counts = recoveryRunCounts(run);
  const { recoveryRunId, invoiceBatchRunId } = run;
  const status = subRunStatus(counts.recoveredInvoices, counts.unrecoveredInvoices);
  return [
    {
      type: 'RecoveryRunCompleted',
      data: { recoveryRunId, invoiceBatchRunId, status, counts, completedAt: at },
    },
  ];
}

function checkStuckInvoices(command: Command<'StartRecoveryRun'>): void {
  const name = `Recovery run ${command.recoveryRunId}`;
  checkDistinctSelection(
    name,
    command.stuckInvoices.map((invoice) => invoice.invoiceId),
  );
  const notStuck = command.stuckInvoices.find(
    (invoice) => !RECOVERABLE_INVOICE_STATUSES.includes(invoice.status),
  );
  if (notStuck !== undefined) {
    throw new DomainError(
      'RECOVERY_RUN.INVOICE_NOT_RECOVERABLE',
      'validation',
      `${name}: invoice ${notStuck.invoiceId} is ${notStuck.status}; only DraftInProgress, PostingInProgress and Error are recovered`,
    );
  }
}

function decideStart(
  command: Command<'StartRecoveryRun'>,
  state: RecoveryRunState,
): readonly RecoveryRunEvent[] {
  checkStuckInvoices(command);
  const { type: _type, ...data } = command;
  if (state.status !== 'NotStarted') {
    const ids = (invoices: RecoveryRunRecord['stuckInvoices']) =>
      invoices.map((invoice) => invoice.invoiceId).join('\n');
    const same =
      state.run.invoiceBatchRunId === command.invoiceBatchRunId &&
      ids(state.run.stuckInvoices) === ids(command.stuckInvoices);
    if (same) return [];
    throw new DomainError(
      'RECOVERY_RUN.ALREADY_STARTED',
      'conflict',
      `Recovery run ${command.recoveryRunId} already started differently`,
    );
  }
  const { startedAt: _startedAt, ...run } = data;
  return [
    { type: 'RecoveryRunStarted', data },
    ...completedIfDone({ ...run, results: {} }, command.startedAt),
  ];
}

function sameRecoveryResult(left: InvoiceRecoveryResult, right: InvoiceRecoveryResult): boolean {
  if (left.status === 'Recovered' && right.status === 'Recovered')
    return left.billingSchedulesReset === right.billingSchedulesReset;
  return left.status === right.status;
}

function decideRecord(
  command: Command<'RecordInvoiceRecoveryResults'>,
  state: RecoveryRunState,
): readonly RecoveryRunEvent[] {
  if (state.status === 'NotStarted') {
    throw new DomainError(
      'RECOVERY_RUN.NOT_FOUND',
      'not-found',
      `Recovery run ${command.recoveryRunId} never started`,
    );
  }
  const { run } = state;
  const selected = new Set(run.stuckInvoices.map((invoice) => invoice.invoiceId));
  const results = newItemResults(
    `Recovery run ${run.recoveryRunId}`,
    selected,
    run.results,
    command.results,
    sameRecoveryResult,
  );
  if (results.length === 0) return [];
  const { recoveryRunId, recordedAt } = command;
  return [
    { type: 'InvoiceRecoveryResultsRecorded', data: { recoveryRunId, results, recordedAt } },
    ...completedIfDone(withResults(run, results), recordedAt),
  ];
}

export function evolveRecoveryRun(state: RecoveryRunState, event: RecoveryRunEvent): RecoveryRunState {
  switch (event.type) {
    case 'RecoveryRunStarted': {
      const { startedAt: _startedAt, ...run } = event.data;
      return { status: 'Started', run: { ...run, results: {} } };
    }
    case 'InvoiceRecoveryResultsRecorded':
      return state.status === 'NotStarted'
        ? state
        : { ...state, run: withResults(state.run, event.data.results) };
    case 'RecoveryRunCompleted':
      return state.status === 'NotStarted'
        ? state
        : { status: event.data.status, run: state.run, counts: event.data.counts };
    default:
      return assertNever(event, 'recovery run event');
  }
}

/** The decider of a recovery run; it completes itself when the last stuck invoice has a result. */
export const recoveryRunDecider: Decider<RecoveryRunCommand, RecoveryRunEvent, RecoveryRunState> = {
  decide: (command, state) => {
    switch (command.type) {
      case 'StartRecoveryRun':
        return decideStart(command, state);
      case 'RecordInvoiceRecoveryResults':
        return decideRecord(command, state);
      default:
        return assertNever(command, 'recovery run command');
    }
  },
  evolve: evolveRecoveryRun,
  initialState: () => ({ status: 'NotStarted' }),
};

import { foldEvents } from '@invoice-engine/kernel';
import { domainErrorOf, minute } from '../run-examples';
import type {
  InvoiceRecoveryResult,
  RecoveryRunCommand,
  RecoveryRunEvent,
  StuckInvoice,
} from './recovery-run';
import { recoveryRunDecider } from './recovery-run-decider';

const stuck: readonly StuckInvoice[] = [
  { invoiceId: 'i1', status: 'DraftInProgress' },
  { invoiceId: 'i2', status: 'PostingInProgress' },
  { invoiceId: 'i3', status: 'Error' },
];
const start = (stuckInvoices: readonly StuckInvoice[] = stuck): RecoveryRunCommand => ({
  type: 'StartRecoveryRun',
  recoveryRunId: 'recovery-1',
  invoiceBatchRunId: 'run-1',
  stuckInvoices,
  startedAt: minute(1),
});
const recovered = (invoiceId: string, billingSchedulesReset = 2) => ({
  invoiceId,
  result: { status: 'Recovered', billingSchedulesReset } as InvoiceRecoveryResult,
});
const unrecovered = (invoiceId: string) => ({
  invoiceId,
  result: {
    status: 'Unrecovered',
    errorCode: 'INVOICE.ALREADY_POSTED',
    message: 'posted meanwhile',
  } as InvoiceRecoveryResult,
});
const record = (results: ReturnType<typeof recovered>[]): RecoveryRunCommand => ({
  type: 'RecordInvoiceRecoveryResults',
  recoveryRunId: 'recovery-1',
  results,
  recordedAt: minute(2),
});

function given(commands: readonly RecoveryRunCommand[]) {
  const events = commands.reduce<readonly RecoveryRunEvent[]>(
    (history, command) => [
      ...history,
      ...recoveryRunDecider.decide(command, foldEvents(recoveryRunDecider, history)),
    ],
    [],
  );
  const state = foldEvents(recoveryRunDecider, events);
  return { state, when: (command: RecoveryRunCommand) => recoveryRunDecider.decide(command, state) };
}

describe('a recovery run', () => {
  it('starts with the stuck invoices, once', () => {
    expect(
      given([])
        .when(start())
        .map((event) => event.type),
    ).toEqual(['RecoveryRunStarted']);
    expect(given([start()]).when(start())).toEqual([]);
  });

  it('refuses an invoice that is not stuck', () => {
    const posted = [{ invoiceId: 'i9', status: 'Posted' }] as unknown as readonly StuckInvoice[];
    expect(domainErrorOf(() => given([]).when(start(posted))).code).toBe(
      'RECOVERY_RUN.INVOICE_NOT_RECOVERABLE',
    );
  });

  it('cannot record results before it started', () => {
    expect(domainErrorOf(() => given([]).when(record([recovered('i1')]))).code).toBe(
      'RECOVERY_RUN.NOT_FOUND',
    );
  });

  it('takes the same results again as a redelivery', () => {
    const once = [start(), record([recovered('i1')])];
    expect(given(once).when(record([recovered('i1')]))).toEqual([]);
  });

  it('completes with errors when some invoices could not be recovered', () => {
    const { state } = given([
      start(),
      record([recovered('i1'), unrecovered('i2')]),
      record([recovered('i3', 1)]),
    ]);
    expect(state).toMatchObject({
      status: 'CompletedWithErrors',
      counts: { selectedInvoices: 3, recoveredInvoices: 2, unrecoveredInvoices: 1, billingSchedulesReset: 3 },
    });
  });

  it('is Completed when all were recovered (or none was stuck) and Failed when none was', () => {
    expect(given([start(), record([recovered('i1'), recovered('i2'), recovered('i3')])]).state.status).toBe(
      'Completed',
    );
    expect(given([start([])]).state.status).toBe('Completed');
    expect(
      given([start(), record([unrecovered('i1'), unrecovered('i2'), unrecovered('i3')])]).state.status,
    ).toBe('Failed');
  });
});

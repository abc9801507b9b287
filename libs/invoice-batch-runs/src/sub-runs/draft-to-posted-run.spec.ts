import { foldEvents, money, zeroMoney } from '@invoice-engine/kernel';
import { domainErrorOf, EUR, minute, USD } from '../run-examples';
import type {
  DraftToPostedRunCommand,
  DraftToPostedRunEvent,
  InvoicePostingResult,
} from './draft-to-posted-run';
import { draftToPostedRunDecider } from './draft-to-posted-run-decider';
import type { ItemResult } from './item-results';

const start = (selectedInvoiceIds: readonly string[]): DraftToPostedRunCommand => ({
  type: 'StartDraftToPostedRun',
  draftToPostedRunId: 'd2p-1',
  invoiceBatchRunId: 'run-1',
  selectedInvoiceIds,
  defaultCurrency: USD,
  startedAt: minute(1),
});
const posted = (invoiceId: string, total = money(10725n, USD)) => ({
  invoiceId,
  result: { status: 'Posted', invoiceNumber: `INV-${invoiceId}`, total } as InvoicePostingResult,
});
const failed = (invoiceId: string) => ({
  invoiceId,
  result: { status: 'Failed', errorCode: 'TAX.NO_RATE', message: 'no rate for AT' } as InvoicePostingResult,
});
const record = (results: readonly ItemResult<InvoicePostingResult>[]): DraftToPostedRunCommand => ({
  type: 'RecordInvoicePostingResults',
  draftToPostedRunId: 'd2p-1',
  results,
  recordedAt: minute(2),
});

function given(commands: readonly DraftToPostedRunCommand[]) {
  const events = commands.reduce<readonly DraftToPostedRunEvent[]>(
    (history, command) => [
      ...history,
      ...draftToPostedRunDecider.decide(command, foldEvents(draftToPostedRunDecider, history)),
    ],
    [],
  );
  const state = foldEvents(draftToPostedRunDecider, events);
  return {
    state,
    when: (command: DraftToPostedRunCommand) => draftToPostedRunDecider.decide(command, state),
  };
}

describe('a draft-to-posted run', () => {
  const started = [start(['i1', 'i2', 'i3'])];

  it('starts with the drafts selected and takes the same start again as a redelivery', () => {
    expect(given([]).when(start(['i1']))).toEqual([
      {
        type: 'DraftToPostedRunStarted',
        data: {
          draftToPostedRunId: 'd2p-1',
          invoiceBatchRunId: 'run-1',
          selectedInvoiceIds: ['i1'],
          defaultCurrency: USD,
          startedAt: minute(1),
        },
      },
    ]);
    expect(given(started).when(start(['i1', 'i2', 'i3']))).toEqual([]);
    expect(domainErrorOf(() => given(started).when(start(['i1']))).code).toBe(
      'DRAFT_TO_POSTED_RUN.ALREADY_STARTED',
    );
  });

  it('records results and takes the same results again as a redelivery', () => {
    const events = given(started).when(record([posted('i1')]));
    expect(events.map((event) => event.type)).toEqual(['InvoicePostingResultsRecorded']);
    expect(given([...started, record([posted('i1')])]).when(record([posted('i1')]))).toEqual([]);
  });

  it('refuses a result for an invoice it did not select, or a changed result', () => {
    expect(domainErrorOf(() => given(started).when(record([posted('i9')]))).code).toBe(
      'SUB_RUN.INVOICE_NOT_SELECTED',
    );
    const once = [...started, record([posted('i1')])];
    expect(domainErrorOf(() => given(once).when(record([failed('i1')]))).code).toBe('SUB_RUN.RESULT_CHANGED');
  });

  it('completes with selected, posted and failed counts and the posted amount', () => {
    const { state } = given([
      ...started,
      record([posted('i1'), failed('i2')]),
      record([posted('i3', money(500n, USD))]),
    ]);
    expect(state).toMatchObject({
      status: 'CompletedWithErrors',
      counts: {
        selectedInvoices: 3,
        postedInvoices: 2,
        failedInvoices: 1,
        postedAmount: money(11225n, USD),
        postedAmountsByCurrency: { USD: money(11225n, USD) },
      },
    });
  });

  it('is Completed when every draft posted, Failed when none did', () => {
    expect(given([start(['i1']), record([posted('i1')])]).state.status).toBe('Completed');
    expect(given([start(['i1', 'i2']), record([failed('i1'), failed('i2')])]).state.status).toBe('Failed');
  });

  it('reports no single posted amount across currencies, zero when nothing was selected', () => {
    const mixed = given([start(['i1', 'i2']), record([posted('i1'), posted('i2', money(900n, EUR))])]).state;
    expect(
      mixed.status !== 'NotStarted' && mixed.status !== 'Started' && mixed.counts.postedAmount,
    ).toBeNull();
    const empty = given([start([])]).state;
    expect(empty).toMatchObject({
      status: 'Completed',
      counts: { selectedInvoices: 0, postedAmount: zeroMoney(USD) },
    });
  });
});

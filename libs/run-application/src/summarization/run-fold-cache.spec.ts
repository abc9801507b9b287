import { emptyRunProgress, initialInvoiceBatchRunState } from '@invoice-engine/invoice-batch-runs';
import type { RecordedEvent } from '@invoice-engine/event-store';
import { RunFoldCache, type RunFold } from './run-fold-cache';

function foldOf(runId: string, events: readonly RecordedEvent[] = []): RunFold {
  return {
    run: {
      runId,
      stream: `invoiceBatchRun-${runId}`,
      state: initialInvoiceBatchRunState(),
      revision: 3n,
      events,
    },
    progress: emptyRunProgress(runId),
  };
}

describe('the folds kept between messages', () => {
  it('keeps at most its capacity, forgetting the run used least recently', () => {
    const cache = new RunFoldCache(2);
    cache.keep('a', foldOf('a'));
    cache.keep('b', foldOf('b'));
    cache.get('a');
    cache.keep('c', foldOf('c'));
    expect([cache.get('a')?.run.runId, cache.get('b'), cache.get('c')?.run.runId]).toEqual([
      'a',
      undefined,
      'c',
    ]);
    expect(cache.size).toBe(2);
  });

  it('does not hold on to the events a run was loaded from', () => {
    const cache = new RunFoldCache(1);
    cache.keep('a', foldOf('a', [{ type: 'InvoiceBatchRunRequested' } as RecordedEvent]));
    expect(cache.get('a')?.run.events).toEqual([]);
    expect(cache.get('a')?.run.revision).toBe(3n);
  });

  it('forgets a run on demand', () => {
    const cache = new RunFoldCache(1);
    cache.keep('a', foldOf('a'));
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a capacity below one', () => {
    expect(() => new RunFoldCache(0)).toThrow('at least one run');
  });
});

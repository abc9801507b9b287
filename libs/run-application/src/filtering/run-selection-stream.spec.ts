import { runSelectionStream, selectionPages } from './run-selection-stream';

function item(groupingKey: string, schedules: number) {
  const billingScheduleIds = Array.from({ length: schedules }, (_, index) => `${groupingKey}-${index}`);
  return { groupingKey, chunkIndex: 0, chunkCount: 1, billingScheduleIds };
}

describe('the selection of a run', () => {
  it('lives on invoiceBatchRunSelection-<runId>', () => {
    expect(runSelectionStream('run-1')).toBe('invoiceBatchRunSelection-run-1');
    expect(() => runSelectionStream('')).toThrow();
  });

  it('is cut into pages of about N schedule ids, a work item never split, order kept', () => {
    const pages = selectionPages('run-1', [item('a', 3), item('b', 3), item('c', 1), item('d', 5)], 4);
    expect(pages.map((page) => page.data.workItems.map((workItem) => workItem.groupingKey))).toEqual([
      ['a'],
      ['b', 'c'],
      ['d'],
    ]);
    expect(pages.map((page) => page.data.pageIndex)).toEqual([0, 1, 2]);
  });

  it('has no page when nothing was selected', () => {
    expect(selectionPages('run-1', [])).toEqual([]);
  });
});

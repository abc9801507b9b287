import { describe, expect, it } from '@jest/globals';
import { recordDifferences } from './record-differences';

describe('recordDifferences', () => {
  it('finds nothing between equal records', () => {
    const record = { readModels: { invoices: { 'inv-1': { total: '546.63', lines: ['a', 'b'] } } } };

    expect(recordDifferences(record, structuredClone(record))).toEqual([]);
  });

  it('names each differing field with its path and both values', () => {
    expect(
      recordDifferences(
        { readModels: { invoices: { 'inv|1': { total: '546.63', status: 'Draft' } } } },
        { readModels: { invoices: { 'inv|1': { total: '546.64', status: 'Draft' } } } },
      ),
    ).toEqual(['readModels.invoices["inv|1"].total: embedded "546.63", distributed "546.64"']);
  });

  it('reports a row only one side has as one line, and list items by index', () => {
    expect(
      recordDifferences(
        { rows: { a: { x: '1' } }, stages: ['Started', 'Completed'] },
        { rows: { b: { x: '1' } }, stages: ['Started'] },
      ),
    ).toEqual([
      'rows.a: embedded {"x":"1"}, distributed (missing)',
      'rows.b: embedded (missing), distributed {"x":"1"}',
      'stages[1]: embedded "Completed", distributed (missing)',
    ]);
  });

  it('stops after the limit and says how many more there are', () => {
    const left = Object.fromEntries(Array.from({ length: 5 }, (_unused, index) => [`k${index}`, index]));
    const right = Object.fromEntries(
      Array.from({ length: 5 }, (_unused, index) => [`k${index}`, -index - 1]),
    );

    const differences = recordDifferences(left, right, 2);

    expect(differences).toHaveLength(3);
    expect(differences[2]).toBe('... and 3 more differences');
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv-records';

describe('reading CSV', () => {
  it('splits the header and the records with the line each starts on', () => {
    expect(parseCsv('id,currency\r\nbs-1,USD\r\n\r\nbs-2,EUR\n')).toEqual({
      header: ['id', 'currency'],
      records: [
        { line: 2, cells: ['bs-1', 'USD'] },
        { line: 4, cells: ['bs-2', 'EUR'] },
      ],
    });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const table = parseCsv('\uFEFFid,name\n"bs-1","Acme, ""West""\nbranch"\nbs-2,\n');
    expect(table.records).toEqual([
      { line: 2, cells: ['bs-1', 'Acme, "West"\nbranch'] },
      { line: 4, cells: ['bs-2', ''] },
    ]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsv('id\n"bs-1\n')).toThrow('line 2');
  });
});

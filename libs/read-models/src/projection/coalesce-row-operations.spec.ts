import { describe, expect, it } from '@jest/globals';
import { coalesceRowOperations } from './coalesce-row-operations';
import { deleteRows, upsertRows, type Row } from './row-operation';

const key = ['run_id'];

function run(row: Row) {
  return upsertRows('runs', key, [row], 'last_position');
}

describe('coalescing row operations', () => {
  describe('when several events write columns of the same row', () => {
    it('writes the row once, with every column and the later values', () => {
      const coalesced = coalesceRowOperations([
        run({ run_id: 'r1', status: 'Started', target_date: '2026-03-01', last_position: 10n }),
        run({ run_id: 'r2', status: 'Started', target_date: '2026-03-02', last_position: 11n }),
        run({ run_id: 'r1', status: 'Completed', last_position: 12n }),
      ]);

      expect(coalesced).toEqual([
        upsertRows(
          'runs',
          key,
          [
            { run_id: 'r1', status: 'Completed', target_date: '2026-03-01', last_position: 12n },
            { run_id: 'r2', status: 'Started', target_date: '2026-03-02', last_position: 11n },
          ],
          'last_position',
        ),
      ]);
    });
  });

  describe('when rows end with different columns', () => {
    it('writes one upsert per set of columns', () => {
      const coalesced = coalesceRowOperations([
        run({ run_id: 'r1', status: 'Started', last_position: 10n }),
        run({ run_id: 'r2', held: true, last_position: 11n }),
        run({ run_id: 'r3', last_position: 12n, status: 'Failed' }),
      ]);

      expect(coalesced.map((operation) => (operation.kind === 'upsert' ? operation.rows : []))).toEqual([
        [
          { run_id: 'r1', status: 'Started', last_position: 10n },
          { run_id: 'r3', last_position: 12n, status: 'Failed' },
        ],
        [{ run_id: 'r2', held: true, last_position: 11n }],
      ]);
    });
  });

  describe('when a later operation carries an older guard', () => {
    it('drops it, as the guarded upsert would skip it', () => {
      const coalesced = coalesceRowOperations([
        run({ run_id: 'r1', status: 'Completed', last_position: 20n }),
        run({ run_id: 'r1', status: 'Started', extra: 'x', last_position: 10n }),
      ]);

      expect(coalesced).toEqual([
        upsertRows('runs', key, [{ run_id: 'r1', status: 'Completed', last_position: 20n }], 'last_position'),
      ]);
    });
  });

  describe('when an unguarded table is written twice', () => {
    it('keeps the later values', () => {
      const coalesced = coalesceRowOperations([
        upsertRows('notes', ['id'], [{ id: 1, text: 'a' }]),
        upsertRows('notes', ['id'], [{ id: 1, text: 'b' }]),
      ]);

      expect(coalesced).toEqual([upsertRows('notes', ['id'], [{ id: 1, text: 'b' }])]);
    });
  });

  describe('when a row is written and then deleted', () => {
    it('only deletes it', () => {
      const coalesced = coalesceRowOperations([
        run({ run_id: 'r1', status: 'Started', last_position: 10n }),
        deleteRows('runs', key, [{ run_id: 'r1' }]),
      ]);

      expect(coalesced).toEqual([deleteRows('runs', key, [{ run_id: 'r1' }])]);
    });
  });

  describe('when a row is deleted and then written again', () => {
    it('deletes it first, then writes only what came after the delete', () => {
      const coalesced = coalesceRowOperations([
        run({ run_id: 'r1', status: 'Started', target_date: '2026-03-01', last_position: 10n }),
        deleteRows('runs', key, [{ run_id: 'r1' }]),
        run({ run_id: 'r1', status: 'Requested', last_position: 30n }),
        run({ run_id: 'r2', status: 'Started', last_position: 31n }),
      ]);

      expect(coalesced).toEqual([
        deleteRows('runs', key, [{ run_id: 'r1' }]),
        upsertRows(
          'runs',
          key,
          [
            { run_id: 'r1', status: 'Requested', last_position: 30n },
            { run_id: 'r2', status: 'Started', last_position: 31n },
          ],
          'last_position',
        ),
      ]);
    });
  });

  describe('when keys have several columns of different types', () => {
    it('tells keys apart by every column and by type', () => {
      const coalesced = coalesceRowOperations([
        upsertRows('lines', ['invoice_id', 'line_no'], [{ invoice_id: 'i1', line_no: 1, amount: '1.00' }]),
        upsertRows('lines', ['invoice_id', 'line_no'], [{ invoice_id: 'i1', line_no: 2, amount: '2.00' }]),
        upsertRows('lines', ['invoice_id', 'line_no'], [{ invoice_id: 'i1', line_no: '1', amount: '3.00' }]),
      ]);

      expect(coalesced[0]?.kind === 'upsert' ? coalesced[0].rows : []).toHaveLength(3);
    });
  });

  describe('when several tables are written', () => {
    it('keeps the order in which tables were first written', () => {
      const coalesced = coalesceRowOperations([
        upsertRows('b', ['id'], [{ id: 1 }]),
        upsertRows('a', ['id'], [{ id: 1 }]),
        upsertRows('b', ['id'], [{ id: 2 }]),
      ]);

      expect(coalesced.map((operation) => operation.table)).toEqual(['b', 'a']);
    });
  });

  describe('when one table is written with two keys or two guards', () => {
    it('refuses, since the writes could not be folded per row', () => {
      expect(() =>
        coalesceRowOperations([
          upsertRows('runs', ['run_id'], [{ run_id: 'r1' }]),
          deleteRows('runs', ['other_id'], [{ other_id: 'x' }]),
        ]),
      ).toThrow(/must all use the key \(run_id\)/);
      expect(() =>
        coalesceRowOperations([
          upsertRows('runs', key, [{ run_id: 'r1', last_position: 1n }], 'last_position'),
          upsertRows('runs', key, [{ run_id: 'r1', last_position: 2n }]),
        ]),
      ).toThrow(/same guard column/);
    });
  });
});

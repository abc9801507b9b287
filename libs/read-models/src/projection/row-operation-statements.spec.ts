import { describe, expect, it } from '@jest/globals';
import { deleteRows, upsertRows } from './row-operation';
import { rowOperationStatements } from './row-operation-statements';

describe('row operation statements', () => {
  describe('when consecutive upserts share a table and shape', () => {
    it('writes them as one multi-row insert with an idempotent ON CONFLICT update', () => {
      const statements = rowOperationStatements('reads', [
        upsertRows(
          'stream_activity',
          ['stream_id'],
          [{ stream_id: 'invoice-1', last_position: 5n }],
          'last_position',
        ),
        upsertRows(
          'stream_activity',
          ['stream_id'],
          [{ stream_id: 'invoice-2', last_position: 7n }],
          'last_position',
        ),
      ]);

      expect(statements).toEqual([
        {
          text:
            'INSERT INTO "reads"."stream_activity" AS existing ("stream_id", "last_position") VALUES ($1, $2), ($3, $4) ' +
            'ON CONFLICT ("stream_id") DO UPDATE SET "last_position" = EXCLUDED."last_position" ' +
            'WHERE existing."last_position" IS NULL OR existing."last_position" < EXCLUDED."last_position"',
          parameters: ['invoice-1', '5', 'invoice-2', '7'],
        },
      ]);
    });
  });

  describe('when the types of every column are known', () => {
    it('sends the rows as one JSON parameter, each value read back as text cast to its column type', () => {
      const types = new Map([
        ['stream_id', 'text'],
        ['last_position', 'numeric(20,0)'],
      ]);

      const statements = rowOperationStatements(
        'reads',
        [
          upsertRows(
            'stream_activity',
            ['stream_id'],
            [
              { stream_id: 'invoice-1', last_position: 5n },
              { stream_id: 'invoice-2', last_position: null },
            ],
            'last_position',
          ),
        ],
        (table) => (table === 'stream_activity' ? types : undefined),
      );

      expect(statements).toEqual([
        {
          text:
            'INSERT INTO "reads"."stream_activity" AS existing ("stream_id", "last_position") ' +
            'SELECT (row_values->>0)::text, (row_values->>1)::numeric(20,0) FROM jsonb_array_elements($1::jsonb) AS row_values ' +
            'ON CONFLICT ("stream_id") DO UPDATE SET "last_position" = EXCLUDED."last_position" ' +
            'WHERE existing."last_position" IS NULL OR existing."last_position" < EXCLUDED."last_position"',
          parameters: ['[["invoice-1","5"],["invoice-2",null]]'],
        },
      ]);
    });

    it('falls back to a VALUES list when a column is unknown (added after the types were read)', () => {
      const [statement] = rowOperationStatements(
        'reads',
        [upsertRows('runs', ['run_id'], [{ run_id: 'r1', status: 'a' }])],
        () => new Map([['run_id', 'text']]),
      );

      expect(statement?.text).toContain('VALUES ($1, $2)');
    });
  });

  describe('when one batch writes the same key twice', () => {
    it('writes the row once with the later values, since Postgres cannot update a row twice in one statement', () => {
      const [statement] = rowOperationStatements('reads', [
        upsertRows(
          'runs',
          ['run_id'],
          [
            { run_id: 'r1', status: 'Started' },
            { run_id: 'r2', status: 'Started' },
            { run_id: 'r1', status: 'Completed' },
          ],
        ),
      ]);

      expect(statement?.parameters).toEqual(['r1', 'Completed', 'r2', 'Started']);
      expect(statement?.text).not.toContain('WHERE');
    });
  });

  describe('when a delete sits between two upserts of the same table', () => {
    it('deletes the row, then writes what came after the delete', () => {
      const statements = rowOperationStatements('reads', [
        upsertRows('runs', ['run_id'], [{ run_id: 'r1', status: 'Started' }]),
        deleteRows('runs', ['run_id'], [{ run_id: 'r1' }]),
        upsertRows('runs', ['run_id'], [{ run_id: 'r1', status: 'Requested' }]),
      ]);

      expect(statements.map((statement) => statement.text.split(' ')[0])).toEqual(['DELETE', 'INSERT']);
      expect(statements[0]).toEqual({
        text: 'DELETE FROM "reads"."runs" WHERE ("run_id") IN (($1))',
        parameters: ['r1'],
      });
      expect(statements[1]?.parameters).toEqual(['r1', 'Requested']);
    });
  });

  describe('when every column is part of the key', () => {
    it('inserts and ignores rows that already exist', () => {
      const [statement] = rowOperationStatements('reads', [
        upsertRows('memberships', ['group_id', 'schedule_id'], [{ group_id: 'g', schedule_id: 's' }]),
      ]);

      expect(statement?.text).toMatch(/ON CONFLICT \("group_id", "schedule_id"\) DO NOTHING$/);
    });
  });

  describe('when the rows exceed the bind-parameter limit', () => {
    it('splits them into several statements', () => {
      const rows = Array.from({ length: 40_000 }, (_, index) => ({ id: index, value: 'x' }));

      const statements = rowOperationStatements('reads', [upsertRows('wide', ['id'], rows)]);

      expect(statements.map((statement) => statement.parameters.length)).toEqual([65_534, 14_466]);
    });
  });

  describe('when operations on one table write different columns', () => {
    it('writes each set of columns with a statement of its own, leaving the other columns alone', () => {
      const statements = rowOperationStatements('reads', [
        upsertRows('runs', ['run_id'], [{ run_id: 'r1', status: 'a' }]),
        upsertRows('runs', ['run_id'], [{ run_id: 'r2' }]),
        upsertRows('runs', ['run_id'], [{ status: 'b', run_id: 'r3' }]),
      ]);

      expect(statements).toEqual([
        {
          text:
            'INSERT INTO "reads"."runs" AS existing ("run_id", "status") VALUES ($1, $2), ($3, $4) ' +
            'ON CONFLICT ("run_id") DO UPDATE SET "status" = EXCLUDED."status"',
          parameters: ['r1', 'a', 'r3', 'b'],
        },
        {
          text: 'INSERT INTO "reads"."runs" AS existing ("run_id") VALUES ($1) ON CONFLICT ("run_id") DO NOTHING',
          parameters: ['r2'],
        },
      ]);
    });
  });

  describe('when rows of one operation have different columns', () => {
    it('refuses the operation', () => {
      expect(() =>
        rowOperationStatements('reads', [
          upsertRows('runs', ['run_id'], [{ run_id: 'r1', status: 'a' }, { run_id: 'r2' }]),
        ]),
      ).toThrow(/must all have the columns run_id, status/);
    });
  });

  describe('when an identifier contains a double quote', () => {
    it('escapes it rather than ending the identifier', () => {
      const [statement] = rowOperationStatements('reads', [deleteRows('odd"name', ['id'], [{ id: 1 }])]);

      expect(statement?.text).toBe('DELETE FROM "reads"."odd""name" WHERE ("id") IN (($1))');
    });
  });
});

import fc from 'fast-check';
import { v5 as uuidV5 } from 'uuid';
import { deterministicId, ENGINE_ID_NAMESPACE } from './deterministic-id';

describe('deterministic ids', () => {
  it('are the same UUID v5 for the same parts, so a retry produces the same ids', () => {
    const id = deterministicId('run-1', 'account=acct-1', '0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId('run-1', 'account=acct-1', '0')).toBe(id);
  });

  it('differ for other parts, another order, or the same text split elsewhere', () => {
    const ids = [
      deterministicId('run-1', 'key', '0'),
      deterministicId('run-1', 'key', '1'),
      deterministicId('key', 'run-1', '0'),
      deterministicId('a|b', 'c'),
      deterministicId('a', 'b|c'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never change: ids already recorded by earlier versions are found again', () => {
    expect(deterministicId('run-1', 'account=acct-1', '0')).toBe('b8a34a68-7dff-574f-893c-d7aeb72fd654');
    expect(deterministicId('Zürich €', '日本')).toBe('ece8a00e-9176-5b42-88db-68c975404966');
  });

  it('equal the UUID v5 of the length-prefixed parts as text (the bytes are its UTF-8)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (parts) => {
        const name = parts.map((part) => `${part.length}:${part}`).join('|');
        expect(deterministicId(...parts)).toBe(uuidV5(name, ENGINE_ID_NAMESPACE));
      }),
    );
  });
});

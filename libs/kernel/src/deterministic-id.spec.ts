import { deterministicId } from './deterministic-id';

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
});

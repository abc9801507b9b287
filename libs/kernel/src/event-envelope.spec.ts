import { instant } from './event-envelope';

describe('instants', () => {
  it('are normalized ISO-8601 UTC strings with milliseconds', () => {
    expect(instant('2026-01-01T06:00:00Z')).toBe('2026-01-01T06:00:00.000Z');
  });

  it('refuse a local time or an offset other than Z', () => {
    expect(() => instant('2026-01-01T06:00:00')).toThrow(/UTC instant/);
    expect(() => instant('2026-01-01T06:00:00+01:00')).toThrow(/UTC instant/);
    expect(() => instant('2026-13-01T06:00:00Z')).toThrow(/UTC instant/);
  });
});

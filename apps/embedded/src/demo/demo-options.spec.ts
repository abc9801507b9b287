import { describe, expect, it } from '@jest/globals';
import { calendarDate } from '@invoice-engine/kernel';
import { parseDemoCommandLine } from './demo-options';

const today = calendarDate('2026-11-26');

describe('the npm start flags', () => {
  it('default to 3,000 schedules over 300 accounts, today, Draft, seed 1, memory', () => {
    expect(parseDemoCommandLine([], today)).toEqual({
      kind: 'run',
      options: {
        schedules: 3000,
        accounts: 300,
        targetDate: '2026-11-26',
        invoiceStatus: 'Draft',
        seed: 1,
        dataDirectory: null,
      },
    });
  });

  it('read both --flag value and --flag=value', () => {
    expect(
      parseDemoCommandLine(
        [
          '--schedules',
          '200',
          '--target-date=2026-03-01',
          '--invoice-status',
          'Posted',
          '--seed=7',
          '--data-dir',
          '/tmp/x',
        ],
        today,
      ),
    ).toEqual({
      kind: 'run',
      options: {
        schedules: 200,
        accounts: 20,
        targetDate: '2026-03-01',
        invoiceStatus: 'Posted',
        seed: 7,
        dataDirectory: '/tmp/x',
      },
    });
  });

  it('ask for help', () => {
    expect(parseDemoCommandLine(['--schedules', '5', '--help'], today)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--schedules', 'many'], '--schedules must be a whole number, got "many"'],
    [['--schedules', '0'], '--schedules must be between 1 and 200000, got 0'],
    [['--schedules', '10', '--accounts', '11'], '--accounts must be between 1 and 10, got 11'],
    [['--target-date', '2026-02-30'], '--target-date must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
    [['--invoice-status', 'Final'], '--invoice-status must be Draft or Posted, got "Final"'],
    [['--colour', 'blue'], 'unknown flag --colour'],
    [['--seed'], '--seed needs a value'],
    [['3000'], 'unexpected argument "3000"'],
    [['--seed', '1', '--seed=2'], '--seed is given twice'],
  ])('refuse %j clearly', (args, message) => {
    expect(parseDemoCommandLine(args, today)).toEqual({ kind: 'invalid', message });
  });
});

import type { ValidationError } from '@nestjs/common';
import { fieldProblems } from './validation-problems';

describe('field problems of a rejected request', () => {
  it('lists every constraint with its property path, nested and indexed ones included', () => {
    const errors = [
      {
        property: 'targetDate',
        constraints: { isCalendarDate: 'must be a calendar date YYYY-MM-DD' },
        children: [],
      },
      {
        property: 'criteria',
        children: [
          {
            property: 'currencies',
            constraints: { arrayNotEmpty: 'should not be empty', isCurrency: 'must be a currency' },
            children: [],
          },
          { property: 'items', children: [{ property: '0', constraints: { isString: 'must be a string' } }] },
        ],
      },
    ] as ValidationError[];
    expect(fieldProblems(errors)).toEqual([
      { path: 'targetDate', message: 'must be a calendar date YYYY-MM-DD' },
      { path: 'criteria.currencies', message: 'should not be empty' },
      { path: 'criteria.currencies', message: 'must be a currency' },
      { path: 'criteria.items[0]', message: 'must be a string' },
    ]);
  });
});

import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

class Party {
  @IsString()
  name!: string;
}

class Customer extends Party {
  @IsInt()
  @Min(100, { groups: ['strict'] })
  accountNumber!: number;

  @IsString({ always: true })
  region!: string;
}

const lookups: readonly [boolean, boolean, string[] | undefined][] = [
  [false, false, undefined],
  [true, false, undefined],
  [false, true, undefined],
  [false, false, ['strict']],
  [false, true, ['strict', 'other']],
];

function propertiesOf(customer: Customer, groups?: string[]): string[] {
  return validateSync(customer, groups === undefined ? {} : { groups }).map((error) => error.property);
}

describe('cached class-validator metadata lookups', () => {
  const storage = getMetadataStorage();
  const uncached = lookups.map(([always, strict, groups]) =>
    storage.getTargetValidationMetadatas(Customer, '', always, strict, groups),
  );
  const invalid = Object.assign(new Customer(), { name: 1, accountNumber: 'x', region: 2 });
  const before = [propertiesOf(invalid), propertiesOf(invalid, ['strict'])];

  beforeAll(() => {
    cacheValidationMetadataLookups();
    cacheValidationMetadataLookups(); // a second install is a no-op, not a second layer
  });

  it('answers each (class, schema, always, strict groups, groups) as the uncached lookup did, inherited rules included', () => {
    lookups.forEach(([always, strict, groups], index) => {
      const first = storage.getTargetValidationMetadatas(Customer, '', always, strict, groups);
      expect(first).toEqual(uncached[index]);
      expect(storage.getTargetValidationMetadatas(Customer, '', always, strict, groups)).toBe(first);
    });
    expect(uncached[0]?.map((metadata) => metadata.propertyName)).toContain('name');
  });

  it('validates exactly as before, with and without groups', () => {
    expect([propertiesOf(invalid), propertiesOf(invalid, ['strict'])]).toEqual(before);
    expect(before[0]).toEqual(['accountNumber', 'region', 'name']);
    expect(
      propertiesOf(Object.assign(new Customer(), { name: 'Ada', accountNumber: 700, region: 'EU' })),
    ).toEqual([]);
  });
});

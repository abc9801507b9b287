import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadataLookup = MetadataStorage['getTargetValidationMetadatas'];
type ValidationMetadataList = ReturnType<TargetMetadataLookup>;

const installed = new WeakSet<MetadataStorage>();

/**
 * class-validator looks up a class's rules by scanning every registered class on each `validateSync`
 * (typestack/class-validator#2686), once per nested object: a fifth of parsing a work item or a tax
 * result. A class's rules, its inherited ones included, are complete once the class is defined (the
 * decorators ran), so the answer for one (class, schema, options) never changes and is kept. Installed
 * once per metadata storage, for every caller of class-validator in the process.
 */
export function cacheValidationMetadataLookups(storage: MetadataStorage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const lookup: TargetMetadataLookup = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new WeakMap<object, Map<string, ValidationMetadataList>>();
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = JSON.stringify([targetSchema, always, strictGroups, groups ?? null]);
    const known = byTarget.get(targetConstructor) ?? new Map<string, ValidationMetadataList>();
    byTarget.set(targetConstructor, known);
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const found = lookup(targetConstructor, targetSchema, always, strictGroups, groups);
    known.set(key, found);
    return found;
  };
}

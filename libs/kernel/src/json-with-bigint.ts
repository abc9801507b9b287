/**
 * JSON that keeps bigints: event data carries money as bigint minor units, which plain JSON cannot hold.
 * A bigint is written as `{"$bigint": "12345"}` and read back as a bigint; everything else is plain JSON.
 * Adapters (event store, bus) use this pair so that domain events round-trip exactly.
 */
const BIGINT_TAG = '$bigint';

export function toJsonWithBigInt(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? { [BIGINT_TAG]: item.toString() } : item,
  );
}

function isTaggedBigInt(item: unknown): item is Record<typeof BIGINT_TAG, string> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  // Cheap test first: most objects have no tag, and listing their keys is what costs.
  if (typeof (item as Record<string, unknown>)[BIGINT_TAG] !== 'string') return false;
  const keys = Object.keys(item);
  return keys.length === 1 && keys[0] === BIGINT_TAG;
}

export function fromJsonWithBigInt(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => (isTaggedBigInt(item) ? BigInt(item[BIGINT_TAG]) : item));
}

/** A copy of an object's own enumerable properties, each value converted; a `__proto__` key stays a key. */
function copyObject(
  value: Record<string, unknown>,
  convert: (item: unknown) => unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = convert(value[key]);
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

/**
 * The same conversion on an already parsed value (e.g. a jsonb column that `pg` parsed). Returns a
 * copy; plain loops rather than `Object.entries`/`fromEntries`, because event stores and projections
 * run this on every event they read.
 */
export function reviveBigInts(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) items[index] = reviveBigInts(value[index]);
    return items;
  }
  if (isTaggedBigInt(value)) return BigInt(value[BIGINT_TAG]);
  return copyObject(value as Record<string, unknown>, reviveBigInts);
}

/**
 * `reviveBigInts` without the copy: the tags inside `value` are replaced where they are, and `value`
 * is returned (or the bigint, when `value` itself is a tag). Only for a value nobody else holds, such
 * as a row `pg` has just parsed: copying every event read was a large share of reading events (and of
 * the garbage collection that followed) in invoice generation and the projector.
 */
export function reviveBigIntsInPlace(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = reviveBigIntsInPlace(value[index]);
    return value;
  }
  if (isTaggedBigInt(value)) return BigInt(value[BIGINT_TAG]);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item !== 'object' || item === null) continue;
    const revived = reviveBigIntsInPlace(item);
    if (revived === item) continue;
    // An own `__proto__` key (JSON.parse makes one) stays a key: assigning it would set the prototype.
    if (key === '__proto__')
      Object.defineProperty(record, key, {
        value: revived,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else record[key] = revived;
  }
  return record;
}

/** The inverse of `reviveBigInts`: a JSON-safe copy with bigints tagged. */
export function tagBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return { [BIGINT_TAG]: value.toString() };
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) items[index] = tagBigInts(value[index]);
    return items;
  }
  return copyObject(value as Record<string, unknown>, tagBigInts);
}

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

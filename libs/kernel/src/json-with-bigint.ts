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
  const keys = Object.keys(item);
  return (
    keys.length === 1 &&
    keys[0] === BIGINT_TAG &&
    typeof (item as Record<string, unknown>)[BIGINT_TAG] === 'string'
  );
}

export function fromJsonWithBigInt(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => (isTaggedBigInt(item) ? BigInt(item[BIGINT_TAG]) : item));
}

/** The same conversion on an already parsed value (e.g. a jsonb column that `pg` parsed). */
export function reviveBigInts(value: unknown): unknown {
  if (isTaggedBigInt(value)) return BigInt(value[BIGINT_TAG]);
  if (Array.isArray(value)) return value.map(reviveBigInts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reviveBigInts(item)]));
  }
  return value;
}

/** The inverse of `reviveBigInts`: a JSON-safe copy with bigints tagged. */
export function tagBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return { [BIGINT_TAG]: value.toString() };
  if (Array.isArray(value)) return value.map(tagBigInts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tagBigInts(item)]));
  }
  return value;
}

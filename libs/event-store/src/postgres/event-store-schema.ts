/**
 * Where one PostgreSQL event store lives: a schema of its own, so tests (and tenants) can run side by
 * side in one database. The schema name is also spliced into DDL and the NOTIFY channel, hence the
 * strict shape.
 */
export interface EventStoreSchema {
  readonly name: string;
  /** `"schema".` prefix for table and function names. */
  readonly qualifier: string;
  readonly notificationChannel: string;
  /** Seed of the per-stream advisory lock keys (and, plus one, the migration lock key) of this store. */
  readonly lockKeySeed: bigint;
  /** Every append holds this advisory lock (shared) until it ends: see visibility-horizon.ts. */
  readonly appendersLockKey: bigint;
}

export function eventStoreSchema(name: string): EventStoreSchema {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(name)) {
    throw new Error(
      `Event store schema "${name}" must be a lower-case SQL identifier of at most 48 characters`,
    );
  }
  return {
    name,
    qualifier: `"${name}".`,
    notificationChannel: `${name}_events_appended`,
    lockKeySeed: lockKeySeedOf(name),
    appendersLockKey: lockKeySeedOf(name) + 2n,
  };
}

/** FNV-1a of the schema name in the low 32 bits, a fixed tag in the high bits: stable across processes. */
function lockKeySeedOf(name: string): bigint {
  let hash = 0x811c9dc5;
  for (const character of name) {
    hash ^= character.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (0x45564e54n << 32n) | BigInt(hash);
}

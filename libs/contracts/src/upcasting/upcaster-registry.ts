/**
 * Turns the data of one version of a message type into the data of the next version. It receives the
 * raw JSON of the old version (old data classes are not kept); the result is validated as the new one.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

export interface UpcastResult {
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface UpcasterRegistry {
  /** Applies every upcaster from `schemaVersion` on; stops at the first version with none. */
  upcast(type: string, schemaVersion: number, data: Readonly<Record<string, unknown>>): UpcastResult;
}

function keyOf(type: string, version: number): string {
  return `${type}@${version}`;
}

export function upcasterRegistry(upcasters: readonly Upcaster[]): UpcasterRegistry {
  const byTypeAndVersion = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (byTypeAndVersion.has(key))
      throw new Error(`Two upcasters from version ${upcaster.fromVersion} of ${upcaster.type}`);
    byTypeAndVersion.set(key, upcaster);
  }
  return {
    upcast(type, schemaVersion, data) {
      let version = schemaVersion;
      let current = data;
      for (
        let upcaster = byTypeAndVersion.get(keyOf(type, version));
        upcaster;
        upcaster = byTypeAndVersion.get(keyOf(type, version))
      ) {
        current = upcaster.upcast(current);
        version += 1;
      }
      return { schemaVersion: version, data: current };
    },
  };
}

/** The upcasters of the contracts in this lib. Every message is still at version 1, so none yet. */
export const CONTRACT_UPCASTERS: UpcasterRegistry = upcasterRegistry([]);

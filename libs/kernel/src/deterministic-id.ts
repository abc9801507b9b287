import { v5 as uuidV5 } from 'uuid';

/** Namespace of every deterministic id of this engine (a fixed, random UUID). */
export const ENGINE_ID_NAMESPACE = '5b0b4a52-5d55-4f0e-9a8f-3c0f6f8a1d27';

/**
 * A UUID v5 of the given parts, so that a retry of the same work produces the same ids
 * (e.g. run id + grouping key + chunk → invoice id).
 */
export function deterministicId(...parts: readonly string[]): string {
  return uuidV5(parts.map((part) => `${part.length}:${part}`).join('|'), ENGINE_ID_NAMESPACE);
}

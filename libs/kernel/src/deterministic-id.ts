import { parse as parseUuid, v5 as uuidV5 } from 'uuid';

/** Namespace of every deterministic id of this engine (a fixed, random UUID). */
export const ENGINE_ID_NAMESPACE = '5b0b4a52-5d55-4f0e-9a8f-3c0f6f8a1d27';

// The namespace parsed once and names passed as UTF-8 bytes: `uuid` would otherwise parse the namespace
// and convert the name character by character on every call (a fifth of invoice generation's id cost).
const namespaceBytes = parseUuid(ENGINE_ID_NAMESPACE);
const utf8 = new TextEncoder();

/**
 * A UUID v5 of the given parts, so that a retry of the same work produces the same ids
 * (e.g. run id + grouping key + chunk → invoice id).
 */
export function deterministicId(...parts: readonly string[]): string {
  return uuidV5(utf8.encode(parts.map((part) => `${part.length}:${part}`).join('|')), namespaceBytes);
}

import { readFileSync } from 'node:fs';

/**
 * Test support for the contract specs (not exported from the lib): reads an example payload and makes
 * broken copies of it by property path.
 */
export type JsonObject = Record<string, unknown>;

/** Marks a property to delete in `edited`. */
export const REMOVED: unique symbol = Symbol('removed');

export function readExample(path: string): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

function setPath(target: unknown, segments: readonly string[], value: unknown): void {
  const [head, ...rest] = segments;
  if (head === undefined || typeof target !== 'object' || target === null) throw new Error('bad path');
  const container = target as Record<string, unknown>;
  if (rest.length > 0) return setPath(container[head], rest, value);
  if (value === REMOVED) delete container[head];
  else container[head] = value;
}

/** A deep copy of `example` with each `'data.lines.0.chargeAmount'`-style path set (or `REMOVED`). */
export function edited(example: JsonObject, changes: Readonly<Record<string, unknown>>): JsonObject {
  const copy = structuredClone(example);
  for (const [path, value] of Object.entries(changes)) setPath(copy, path.split('.'), value);
  return copy;
}

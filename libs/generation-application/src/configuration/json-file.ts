import { readFileSync } from 'node:fs';

/** Reads a JSON array from a configuration file, naming the file in every error (read once at boot). */
export function readJsonArrayFile(path: string, what: string): readonly Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${what} from ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${path} must hold a JSON array of ${what}`);
  return parsed.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(`${path}: entry #${index} of ${what} is not an object`);
    }
    return item as Record<string, unknown>;
  });
}

export function stringField(entry: Record<string, unknown>, field: string, where: string): string {
  const value = entry[field];
  if (typeof value !== 'string') throw new Error(`${where}: "${field}" must be a string`);
  return value;
}

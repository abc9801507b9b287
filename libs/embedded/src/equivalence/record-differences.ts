/** A JSON value as the records hold it (the scenario output and the read-model rows are plain JSON). */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

function isRecord(value: Json): value is { readonly [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: Json | undefined): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function childPath(path: string, key: string): string {
  if (path === '') return key;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function collect(path: string, left: Json | undefined, right: Json | undefined, out: string[]): void {
  if (left !== undefined && right !== undefined) {
    if (Array.isArray(left) && Array.isArray(right)) {
      const length = Math.max(left.length, right.length);
      for (let index = 0; index < length; index += 1) {
        collect(`${path}[${index}]`, left[index] as Json | undefined, right[index] as Json | undefined, out);
      }
      return;
    }
    if (isRecord(left) && isRecord(right)) {
      const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
      for (const key of keys) collect(childPath(path, key), left[key], right[key], out);
      return;
    }
    if (left === right) return;
  }
  out.push(`${path}: embedded ${shown(left)}, distributed ${shown(right)}`);
}

/**
 * Every place where two records differ, one line each with its path and both values
 * (`readModels.invoices["<id>"].total: embedded "546.63", distributed "546.64"`); empty when equal.
 * Keyed objects are matched by key, so a missing row shows as one line rather than a shifted list.
 */
export function recordDifferences(embedded: unknown, distributed: unknown, limit = 60): string[] {
  const out: string[] = [];
  collect('', embedded as Json, distributed as Json, out);
  return out.length > limit
    ? [...out.slice(0, limit), `... and ${out.length - limit} more differences`]
    : out;
}

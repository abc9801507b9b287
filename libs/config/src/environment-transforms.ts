import { Transform } from 'class-transformer';

/** `"a, b,c"` → `["a", "b", "c"]`; used for broker lists and similar comma-separated variables. */
export function CommaSeparatedList(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : value,
  );
}

/** `"42"` → 42; anything that is not a whole decimal number stays a string so validation names it. */
export function WholeNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value,
  );
}

/** `"true"`/`"false"`/`"1"`/`"0"` → boolean; other strings stay strings so validation names them. */
export function Flag(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const normalised = value.trim().toLowerCase();
    if (normalised === 'true' || normalised === '1') return true;
    if (normalised === 'false' || normalised === '0') return false;
    return value;
  });
}

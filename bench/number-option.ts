// Numeric command-line options of the benchmarks: "10k" means 10,000; a bad value names the option.

/** Parses `--name value` as a positive integer (or any finite number, or 0 allowed); `fallback` when absent. */
export function positiveNumber(value: string | undefined, name: string, fallback: number, integer = true, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value.trim().replace(/k$/i, '000'));
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0 || (n === 0 && !allowZero)) {
    throw new Error(`--${name} needs a ${allowZero ? 'non-negative' : 'positive'} ${integer ? 'integer' : 'number'}, got "${value}"`);
  }
  return n;
}

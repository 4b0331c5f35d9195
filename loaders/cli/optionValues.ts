import {UsageError} from "./analysisCommand.js";

/** A whole number ≥ 1 from a command-line option, or a usage error naming the option. */
export function positiveInteger(value: unknown, option: string): number {
  const number = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || number < 1) {
    throw new UsageError(`${option} takes a whole number ≥ 1, got ${String(value)}`);
  }
  return number;
}

/** A date YYYY-MM-DD from a command-line option, or a usage error naming the option. */
export function isoDate(value: unknown, option: string): string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${option} takes a date YYYY-MM-DD, got ${String(value)}`);
  }
  return value;
}

/** A fraction from 0 to 1 from a command-line option, or a usage error naming the option. */
export function fraction(value: unknown, option: string): number {
  const number = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !(number >= 0 && number <= 1)) {
    throw new UsageError(`${option} takes a fraction from 0 to 1, got ${String(value)}`);
  }
  return number;
}

/** Strictly increasing whole numbers ≥ 0 from `30,60,90`, or a usage error naming the option. */
export function increasingList(value: unknown, option: string): number[] {
  const list = String(value).split(",").map((s) => s.trim());
  const numbers = list.map(Number);
  const ok = list.every((s) => /^\d+$/.test(s)) && numbers.every((n, i) => i === 0 || n > numbers[i - 1]);
  if (!ok) throw new UsageError(`${option} takes increasing whole numbers separated by commas, got ${String(value)}`);
  return numbers;
}

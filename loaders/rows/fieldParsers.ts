import {utcFormat, utcParse} from "d3";
import type {RejectionReason} from "../../src/components/rejectionReasons.js";

/** A parsed value, or why the text is not one. */
export type Parsed<T> = {value: T} | {reason: RejectionReason};

/** Orders before this or after this are impossible for a snapshot (a misread century, a default date). */
export const EARLIEST = Date.UTC(1990, 0, 1);
export const LATEST = Date.UTC(2100, 0, 1);

/**
 * An order time read with a d3-time-format pattern, as shop-local wall-clock epoch milliseconds.
 * A value that parses but names no real moment (2024-02-30, 25:00) is impossible, not rolled over:
 * it must print back to the same numbers. A trailing " %Z" offset converts the instant to the shop's zone.
 */
export function orderTimeParser(format: string, timeZone: string): (text: string) => Parsed<number> {
  const withOffset = format.endsWith(" %Z");
  const wallFormat = withOffset ? format.slice(0, -3) : format;
  const parse = utcParse(wallFormat);
  const print = utcFormat(wallFormat);
  const toShopWallClock = wallClockIn(timeZone);
  return (text) => {
    let wall = text.trim();
    let offsetMinutes = 0;
    if (withOffset) {
      const match = /^(.*?)\s?(?:([+-])(\d\d)(?::?(\d\d))?|Z|UTC)$/.exec(wall);
      if (!match) return {reason: "bad_date"};
      wall = match[1];
      offsetMinutes = match[2] ? (match[2] === "-" ? -1 : 1) * (Number(match[3]) * 60 + Number(match[4] ?? 0)) : 0;
    }
    const date = parse(wall);
    if (date === null) return {reason: "bad_date"};
    // printing back the same text proves the date real; otherwise compare its numbers (padding may differ)
    const printed = print(date);
    if (printed !== wall && numbersIn(printed) !== numbersIn(wall)) return {reason: "impossible_date"};
    const ms = withOffset ? toShopWallClock(date.getTime() - offsetMinutes * 60_000) : date.getTime();
    return ms < EARLIEST || ms >= LATEST ? {reason: "date_out_of_range"} : {value: ms};
  };
}

/** The numbers a date text holds, leading zeros dropped: "2024/03/01 09:05" and "2024/3/1 9:05" agree. */
function numbersIn(text: string): string {
  return (text.match(/\d+/g) ?? []).map(Number).join(" ");
}

/** An instant as the wall clock of `timeZone`, in epoch milliseconds of that local date and time. */
function wallClockIn(timeZone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit"
  });
  return (instant) => {
    const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second, instant % 1000);
  };
}

/**
 * Money as integer minor units: "1,980", "¥1,980", "１，９８０円", "29.33" (with 2 minor units). A fraction
 * finer than the currency's minor unit is an error, not rounded away.
 */
export function moneyParser(minorUnits: number, maxAmount: number): (text: string) => Parsed<number> {
  return (text) => {
    const plain = text.normalize("NFKC").replace(/[\s,¥$円]/g, "");
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain);
    if (!match) return {reason: "not_a_number"};
    const fraction = (match[3] ?? "").replace(/0+$/, "");
    if (fraction.length > minorUnits) return {reason: "fractional_amount"};
    const value = Number(match[2] + fraction.padEnd(minorUnits, "0"));
    if (match[1] === "-" && value !== 0) return {reason: "negative_amount"};
    return value > maxAmount ? {reason: "absurd_amount"} : {value};
  };
}

/** A whole count from 1 to `max` (a quantity, a delivery number). */
export function countParser(max: number): (text: string) => Parsed<number> {
  return (text) => {
    const plain = text.normalize("NFKC").replace(/[\s,]/g, "");
    if (!/^-?\d+(\.\d+)?$/.test(plain)) return {reason: "not_a_number"};
    const value = Number(plain);
    return Number.isInteger(value) && value >= 1 && value <= max ? {value} : {reason: "bad_count"};
  };
}

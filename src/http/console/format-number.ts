// Numbers for people: one locale for every reader of the console, so a screenshot reads the same everywhere.
const LOCALE = "en-US";
const COUNT = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const USD = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** What the console prints where there is no number (nothing to divide by, no reply yet). */
export const NONE = "—";

/** 12345 → "12,345". */
export function formatCount(value: number | null): string {
  return value === null ? NONE : COUNT.format(value);
}

/** part / whole with one decimal: (1, 3) → "33.3%"; "—" when whole is 0. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? PERCENT.format(part / whole) : NONE;
}

/**
 * Dollars with 2 to 4 decimals: 12.5 → "$12.50", 0.0123 → "$0.0123" (model costs per ticket are
 * often fractions of a cent); a non-zero amount under $0.0001 reads "< $0.0001", never "$0.00".
 */
export function formatUsd(value: number | null): string {
  if (value === null) return NONE;
  if (value > 0 && value < 0.0001) return `< ${USD.format(0.0001)}`;
  return USD.format(value);
}

/** Minutes for people: 42 → "42 min", 135 → "2 h 15 min", 1500 → "25 h 0 min". */
export function formatMinutes(value: number | null): string {
  if (value === null) return NONE;
  if (value < 60) return `${COUNT.format(Math.round(value))} min`;
  const whole = Math.round(value);
  return `${COUNT.format(Math.floor(whole / 60))} h ${whole % 60} min`;
}

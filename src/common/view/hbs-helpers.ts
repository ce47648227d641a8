import type { HelperDelegate } from 'handlebars';
import { isChecked } from '../forms/checkbox.js';

const dateTimeFormat = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Template helpers; each returns plain values so Handlebars still escapes the output. */
export const HBS_HELPERS: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b || String(a) === String(b),
  ne: (a: unknown, b: unknown) => String(a) !== String(b),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (value: unknown) => !value,
  gt: (a: number, b: number) => a > b,
  add: (a: number, b: number) => Number(a) + Number(b),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  date: (value: Date | string | null | undefined) => (value ? dateFormat.format(new Date(value)) : ''),
  dateTime: (value: Date | string | null | undefined) => (value ? dateTimeFormat.format(new Date(value)) : ''),
  isoDate: (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : ''),
  plural: (count: number, singular: string, plural: string) =>
    `${count} ${Number(count) === 1 ? singular : typeof plural === 'string' ? plural : `${singular}s`}`,
  selectedIf: (a: unknown, b: unknown) => (String(a) === String(b) ? 'selected' : ''),
  checkedIf: (value: unknown) => (isChecked(value) ? 'checked' : ''),
  currentYear: () => new Date().getUTCFullYear(),
  percent: (value: number) => `${Math.round(Number(value) * 100)}%`,
};

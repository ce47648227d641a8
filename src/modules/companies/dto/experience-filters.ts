import { OUTCOMES, type Outcome } from '../../experiences/entities/experience.entity.js';
import { ROUND_KINDS, type RoundKind } from '../../experiences/entities/round.entity.js';

export const EXPERIENCE_SORTS = ['newest', 'helpful'] as const;
export type ExperienceSort = (typeof EXPERIENCE_SORTS)[number];

export interface ExperienceFilters {
  year?: number;
  role?: string;
  outcome?: Outcome;
  roundKind?: RoundKind;
  passoutYear?: number;
  sort: ExperienceSort;
  page: number;
}

function year(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function parsePage(value: unknown): number {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}

/**
 * Filters come from a GET form and from shared links: a value that makes no sense is ignored (the
 * list is shown unfiltered on that field) rather than answered with an error page.
 */
export function parseExperienceFilters(query: Record<string, unknown>): ExperienceFilters {
  const role = typeof query.role === 'string' ? query.role.trim().slice(0, 120) : '';
  return {
    year: year(query.year),
    role: role || undefined,
    outcome: oneOf(OUTCOMES, query.outcome),
    roundKind: oneOf(ROUND_KINDS, query.roundKind),
    passoutYear: year(query.passoutYear),
    sort: oneOf(EXPERIENCE_SORTS, query.sort) ?? 'newest',
    page: parsePage(query.page),
  };
}

export function hasFilters(filters: ExperienceFilters): boolean {
  return [filters.year, filters.role, filters.outcome, filters.roundKind, filters.passoutYear].some((v) => v !== undefined);
}

/** The query string for these filters (without the page), for links that keep them. */
export function filtersQuery(filters: Omit<ExperienceFilters, 'page'> & { page?: number }, overrides: Partial<Record<keyof ExperienceFilters, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  const values: Record<string, string | number | undefined> = {
    year: filters.year,
    role: filters.role,
    outcome: filters.outcome,
    roundKind: filters.roundKind,
    passoutYear: filters.passoutYear,
    sort: filters.sort === 'newest' ? undefined : filters.sort,
    ...overrides,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

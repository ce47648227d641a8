import { ROUND_KINDS } from '../../experiences/entities/round.entity.js';
import { isTopic, type TopicSlug } from '../topics.js';

export interface QuestionFilters {
  companySlug?: string;
  topic?: TopicSlug;
  roundKind?: string;
  role?: string;
  q?: string;
  /** Average difficulty of the interviews a question came from (1–5), inclusive bounds. Not read from query strings. */
  difficulty?: { min?: number; max?: number };
  page: number;
  perPage: number;
}

export const PER_PAGE = 30;
export const MAX_PER_PAGE = 100;
/** Deep pages of a list sorted by popularity are never read by people, only by scrapers. */
const MAX_PAGE = 1000;

const single = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '').trim();

function positiveInt(value: unknown, fallback: number, max: number): number {
  const parsed = Number.parseInt(single(value), 10);
  return Number.isFinite(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
}

/**
 * Reads the filters of `/questions`, `/companies/:slug/questions` and `/api/questions` from a query
 * string (company, topic, round, role, q, page, perPage). A value that is not one of the known ones
 * is ignored rather than rejected, so an old or hand-edited link still shows a list.
 */
export function parseQuestionFilters(query: Record<string, unknown>, options: { perPage?: boolean } = {}): QuestionFilters {
  const company = single(query.company).toLowerCase();
  const topic = single(query.topic);
  const round = single(query.round);
  const role = single(query.role).slice(0, 120);
  const q = single(query.q).slice(0, 200);
  return {
    ...(/^[a-z0-9][a-z0-9-]{0,139}$/.test(company) && { companySlug: company }),
    ...(isTopic(topic) && { topic }),
    ...((ROUND_KINDS as readonly string[]).includes(round) && { roundKind: round }),
    ...(role && { role }),
    ...(q && { q }),
    page: positiveInt(query.page, 1, MAX_PAGE),
    perPage: options.perPage ? positiveInt(query.perPage, PER_PAGE, MAX_PER_PAGE) : PER_PAGE,
  };
}

/** The query string of a filtered list without its page, for pagination links ("…?topic=dsa&"). */
export function filterQuery(filters: QuestionFilters, options: { includeCompany: boolean }): string {
  const params = new URLSearchParams();
  if (options.includeCompany && filters.companySlug) params.set('company', filters.companySlug);
  if (filters.topic) params.set('topic', filters.topic);
  if (filters.roundKind) params.set('round', filters.roundKind);
  if (filters.role) params.set('role', filters.role);
  if (filters.q) params.set('q', filters.q);
  const query = params.toString();
  return query ? `${query}&` : '';
}

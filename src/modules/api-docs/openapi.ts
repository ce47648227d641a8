import { OUTCOMES } from '../experiences/entities/experience.entity.js';
import { ROUND_KINDS } from '../experiences/entities/round.entity.js';
import { TOPIC_SLUGS } from '../questions/topics.js';

/**
 * The read-only JSON API, described as OpenAPI 3.1: served at /api/openapi.json and as a page at
 * /api/docs. Written by hand (the API is small and the app has no schema decorators); a test checks
 * that it names exactly the routes under /api and that each answers with its example values.
 */
interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: { type: 'string' | 'integer'; enum?: readonly string[]; minimum?: number; maximum?: number };
  example?: string | number;
}

interface Operation {
  summary: string;
  description: string;
  parameters: Parameter[];
  responses: Record<string, { description: string }>;
}

const query = (name: string, description: string, schema: Parameter['schema'] = { type: 'string' }, example?: string | number): Parameter => ({ name, in: 'query', description, schema, ...(example !== undefined && { example }) });
const path = (name: string, description: string, example: string | number, type: 'string' | 'integer' = 'string'): Parameter => ({ name, in: 'path', required: true, description, schema: { type }, example });
const page = query('page', 'Page number, from 1.', { type: 'integer', minimum: 1 });
const ok = (description: string) => ({ '200': { description } });
const notFound = { '404': { description: 'No such (active) company or question.' } };

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Interview Insights API',
    version: '1',
    description:
      'Read-only JSON over the published content: companies and their statistics, the question bank, search and forum threads. No account is needed (unless the site is closed with PUBLIC_READ=false), and no answer ever names an anonymous author or holds a roll number or e-mail address.',
  },
  paths: {
    '/api/search': {
      get: {
        summary: 'Full-text search',
        description: 'Typo-tolerant search over experiences, questions, forum threads and companies, with facet counts and highlighted snippets (HTML with <mark>).',
        parameters: [
          query('q', 'What to look for.', { type: 'string' }, 'linked list'),
          query('type', 'Only this kind of result.', { type: 'string', enum: ['experience', 'question', 'thread', 'company'] }),
          query('company', 'Company slug.'),
          query('role', 'Role, as written in the experiences.'),
          query('year', 'Year of the interview.', { type: 'integer' }),
          query('outcome', 'Outcome of the interview.', { type: 'string', enum: OUTCOMES }),
          query('roundKind', 'Kind of round.', { type: 'string', enum: ROUND_KINDS }),
          query('topic', 'Topic of the question.', { type: 'string', enum: TOPIC_SLUGS }),
          page,
        ],
        responses: ok('{ query, filters, total, page, perPage, tookMs, facets, hits }'),
      },
    },
    '/api/companies': {
      get: {
        summary: 'Companies',
        description: 'Active companies with their counts of published experiences and selections, 20 a page.',
        parameters: [query('q', 'Part of the name.'), query('industry', 'Exact industry, as listed in `industries`.'), page],
        responses: ok('{ items, total, page, pages, industries }'),
      },
    },
    '/api/companies/{slug}': {
      get: {
        summary: 'One company',
        description: 'Profile, counts, the typical recruitment process derived from the experiences, and the answered FAQ.',
        parameters: [path('slug', 'Company slug.', 'kestrel-systems')],
        responses: { ...ok('{ name, slug, industry, website, description, counts, typicalProcess, faqs }'), ...notFound },
      },
    },
    '/api/companies/{slug}/stats': {
      get: {
        summary: "A company's statistics",
        description: 'Experiences and selections by interview year, outcomes, branches (those with fewer than 5 experiences merged, or left out), topics asked and the word cloud.',
        parameters: [path('slug', 'Company slug.', 'kestrel-systems')],
        responses: { ...ok('{ name, slug, counts, years, outcomes, branches, topics, cloud, questions }'), ...notFound },
      },
    },
    '/api/questions': {
      get: {
        summary: 'The question bank',
        description: 'Questions harvested from the experiences, similar wordings merged, most asked first.',
        parameters: [
          query('company', 'Company slug.'),
          query('topic', 'Topic.', { type: 'string', enum: TOPIC_SLUGS }),
          query('round', 'Kind of round.', { type: 'string', enum: ROUND_KINDS }),
          query('role', 'Part of a role name.'),
          query('q', 'Words of the question.'),
          page,
          query('perPage', 'Questions a page.', { type: 'integer', minimum: 1, maximum: 100 }),
        ],
        responses: ok('{ items, total, page, pages, perPage }'),
      },
    },
    '/api/questions/{id}': {
      get: {
        summary: 'One question',
        description: 'A question with the companies, years and rounds it was asked in, and the experiences it came from.',
        parameters: [path('id', 'Question id.', 1, 'integer')],
        responses: { ...ok('The question and its sources.'), ...notFound },
      },
    },
    '/api/forum/threads': {
      get: {
        summary: 'Forum threads',
        description: 'Threads, most recently active first; authors by display name only.',
        parameters: [query('category', 'Category slug.'), query('company', 'Company slug.'), page],
        responses: ok('{ page, pages, perPage, total, threads }'),
      },
    },
  } satisfies Record<string, { get: Operation }>,
} as const;

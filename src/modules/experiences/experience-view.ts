import type { SessionUser } from '../../common/auth/access.js';
import { markdownToText } from '../../common/markdown/markdown.js';
import type { Experience } from './entities/experience.entity.js';

/** What a list or card shows of an experience; built here so anonymity is decided in one place. */
export interface ExperienceCard {
  id: number;
  company: string;
  companySlug: string;
  role: string;
  outcome: string;
  year: number;
  passoutYear: number;
  difficulty: number;
  helpful: number;
  author: string;
  anonymous: boolean;
  excerpt: string;
  roundKinds: string[];
}

export function canSeeAuthor(viewer: SessionUser | null, experience: Pick<Experience, 'authorId' | 'anonymous'>): boolean {
  if (!experience.anonymous) return true;
  return viewer !== null && (viewer.id === experience.authorId || viewer.role === 'officer' || viewer.role === 'admin');
}

/**
 * The byline for a viewer. Anonymous posts say "Anonymous" to everyone but the author and staff;
 * for those it says so explicitly, so nobody mistakes a private view for a public one.
 */
export function authorLabel(viewer: SessionUser | null, experience: Pick<Experience, 'authorId' | 'anonymous'>, authorName: string): string {
  if (!experience.anonymous) return authorName;
  return canSeeAuthor(viewer, experience) ? `${authorName} (posted anonymously)` : 'Anonymous';
}

export function excerpt(markdown: string, words = 40): string {
  const text = markdownToText(markdown).split(' ');
  return text.length > words ? `${text.slice(0, words).join(' ')}…` : text.join(' ');
}

/**
 * Everything a card shows that does not depend on who is looking. It still holds the author's name,
 * so it must only leave the server through `forViewer`.
 */
export interface CardBase extends Omit<ExperienceCard, 'author'> {
  authorId: number;
  authorName: string;
}

/** Requires `company` and `author` relations (and `rounds` for round kinds) to be loaded. */
export function cardBase(e: Experience): CardBase {
  return {
    id: e.id,
    company: e.company?.name ?? '',
    companySlug: e.company?.slug ?? '',
    role: e.role,
    outcome: e.outcome,
    year: e.interviewYear,
    passoutYear: e.passoutYear,
    difficulty: e.difficulty,
    helpful: e.helpfulCount,
    anonymous: e.anonymous,
    excerpt: excerpt(e.body),
    roundKinds: [...new Set([...(e.rounds ?? [])].sort((a, b) => a.position - b.position).map((r) => r.kind))],
    authorId: e.authorId,
    authorName: e.author?.displayName ?? 'A student',
  };
}

export function forViewer(viewer: SessionUser | null, base: CardBase): ExperienceCard {
  const { authorId, authorName, ...card } = base;
  return { ...card, author: authorLabel(viewer, { authorId, anonymous: base.anonymous }, authorName) };
}

export function toCard(viewer: SessionUser | null, e: Experience): ExperienceCard {
  return forViewer(viewer, cardBase(e));
}

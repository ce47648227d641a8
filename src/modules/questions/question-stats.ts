import { ROUND_KINDS } from '../experiences/entities/round.entity.js';
import { cleanQuestion, comparable, normalizeQuestion, questionSimilarity, type ComparableQuestion } from './question-text.js';
import { tagTopic, type TopicSlug } from './topics.js';

/** What one harvested line contributes to its question's figures. */
export interface SourceFacts {
  experienceId: number;
  year: number;
  originalText: string;
  roundKind: string;
  role: string;
  difficulty: number;
}

/** The derived columns of a question, recomputed from all of its sources. */
export interface QuestionFigures {
  text: string;
  normalizedText: string;
  role: string;
  roundKind: string;
  topic: TopicSlug;
  difficulty: number;
  timesAsked: number;
  firstYear: number;
  lastYear: number;
}

/** The most frequent value; ties go to `prefer`'s order, then alphabetical, so results never flap. */
function mode(values: readonly string[], prefer: readonly string[] = []): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const rank = (v: string) => (prefer.includes(v) ? prefer.indexOf(v) : prefer.length);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))[0]![0];
}

/** The role most experiences named, ignoring case; shown in the spelling used most (capitalised on a tie). */
function commonRole(roles: readonly string[]): string {
  const key = mode(roles.map((r) => r.trim().toLowerCase()));
  const spellings = roles.map((r) => r.trim()).filter((r) => r.toLowerCase() === key);
  const capitalisedFirst = [...new Set(spellings)].sort((a, b) => Number(b !== b.toLowerCase()) - Number(a !== a.toLowerCase()));
  return mode(spellings, capitalisedFirst);
}

/**
 * The wording that represents the question: the most used normalised form; among equally used
 * forms, the one closest to all the others (so later wordings keep matching it), then the shortest.
 * Returned as the commonest original spelling of that form.
 */
export function representativeWording(originals: readonly string[]): { text: string; normalized: string } {
  const groups = new Map<string, { texts: string[]; form: ComparableQuestion }>();
  for (const original of originals) {
    const normalized = normalizeQuestion(original);
    const group = groups.get(normalized) ?? { texts: [], form: comparable(original) };
    group.texts.push(cleanQuestion(original));
    groups.set(normalized, group);
  }
  const scored = [...groups.entries()].map(([normalized, group]) => {
    let centrality = 0;
    for (const other of groups.values()) if (other !== group) centrality += questionSimilarity(group.form, other.form) * other.texts.length;
    return { normalized, group, centrality };
  });
  scored.sort(
    (a, b) =>
      b.group.texts.length - a.group.texts.length ||
      b.centrality - a.centrality ||
      a.normalized.length - b.normalized.length ||
      a.normalized.localeCompare(b.normalized),
  );
  const best = scored[0]!;
  return { text: mode(best.group.texts), normalized: best.normalized };
}

/** Recomputes a question from its sources; null when it has none left (the question should go). */
export function summariseSources(sources: readonly SourceFacts[]): QuestionFigures | null {
  if (sources.length === 0) return null;
  const experiences = new Map<number, SourceFacts>();
  for (const source of sources) if (!experiences.has(source.experienceId)) experiences.set(source.experienceId, source);
  const perExperience = [...experiences.values()];
  const years = perExperience.map((s) => s.year);
  const difficulty = perExperience.reduce((sum, s) => sum + s.difficulty, 0) / perExperience.length;
  const roundKind = mode(
    sources.map((s) => s.roundKind),
    ROUND_KINDS,
  );
  const wording = representativeWording(sources.map((s) => s.originalText));
  return {
    text: wording.text,
    normalizedText: wording.normalized,
    role: commonRole(perExperience.map((s) => s.role)),
    roundKind,
    topic: tagTopic(wording.text, roundKind),
    difficulty: Math.round(difficulty * 10) / 10,
    timesAsked: perExperience.length,
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
  };
}

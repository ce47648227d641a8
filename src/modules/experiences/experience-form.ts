import type { Experience } from './entities/experience.entity.js';
import type { Round } from './entities/round.entity.js';
import { isChecked } from '../../common/forms/checkbox.js';

/** The form exactly as typed (all strings), used to re-render it, and stored as a draft. */
export interface RoundValues {
  kind: string;
  title: string;
  durationMinutes: string;
  notes: string;
  questions: string;
}

export interface ExperienceValues {
  companyName: string;
  role: string;
  roleDescription: string;
  interviewYear: string;
  passoutYear: string;
  branch: string;
  anonymous: boolean;
  linkedinUrl: string;
  rollNumber: string;
  source: string;
  outcome: string;
  difficulty: string;
  offerDetails: string;
  body: string;
  tips: string;
  rounds: RoundValues[];
}

/** Round blocks shown by the no-JavaScript form when nothing has been typed yet. */
export const DEFAULT_ROUND_BLOCKS = 3;
export const MAX_ROUNDS = 12;

const text = (value: unknown, max = 20_000): string => (typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : '');

export function emptyRound(): RoundValues {
  return { kind: '', title: '', durationMinutes: '', notes: '', questions: '' };
}

function isBlank(round: RoundValues): boolean {
  return !round.title.trim() && !round.notes.trim() && !round.questions.trim() && !round.durationMinutes.trim();
}

/**
 * Reads a submitted form (urlencoded `rounds[0][title]`… or JSON from the autosave script) into
 * plain values. Rounds keep the order in which they were submitted; ticked "remove" boxes drop them.
 */
export function readForm(body: Record<string, unknown>): ExperienceValues {
  const rawRounds = body.rounds;
  const list: unknown[] = Array.isArray(rawRounds) ? rawRounds : rawRounds && typeof rawRounds === 'object' ? Object.values(rawRounds) : [];
  const rounds = list
    .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object')
    .filter((r) => !isChecked(r.remove))
    .map((r) => ({
      kind: text(r.kind, 40),
      title: text(r.title, 200),
      durationMinutes: text(r.durationMinutes, 10),
      notes: text(r.notes, 6000),
      questions: text(r.questions, 12_000),
    }))
    .slice(0, MAX_ROUNDS);
  return {
    companyName: text(body.companyName, 200),
    role: text(body.role, 200),
    roleDescription: text(body.roleDescription, 3000),
    interviewYear: text(body.interviewYear, 10),
    passoutYear: text(body.passoutYear, 10),
    branch: text(body.branch, 100),
    anonymous: isChecked(body.anonymous),
    linkedinUrl: text(body.linkedinUrl, 300),
    rollNumber: text(body.rollNumber, 60),
    source: text(body.source, 20),
    outcome: text(body.outcome, 20),
    difficulty: text(body.difficulty, 2),
    offerDetails: text(body.offerDetails, 400),
    body: text(body.body),
    tips: text(body.tips, 6000),
    rounds,
  };
}

/** What goes to validation: rounds with nothing typed in them are simply ignored. */
export function forValidation(values: ExperienceValues): Record<string, unknown> {
  return { ...values, rounds: values.rounds.filter((r) => !isBlank(r)) };
}

/** Pads the form with empty round blocks so people without JavaScript have somewhere to type. */
export function withRoundBlocks(values: ExperienceValues, extra = 0): ExperienceValues {
  const rounds = [...values.rounds];
  const target = Math.min(MAX_ROUNDS, Math.max(DEFAULT_ROUND_BLOCKS, rounds.length + extra));
  while (rounds.length < target) rounds.push(emptyRound());
  return { ...values, rounds };
}

export function valuesFromExperience(e: Experience, companyName: string, rounds: Round[]): ExperienceValues {
  return {
    companyName,
    role: e.role,
    roleDescription: e.roleDescription ?? '',
    interviewYear: String(e.interviewYear),
    passoutYear: String(e.passoutYear),
    branch: e.branch,
    anonymous: e.anonymous,
    linkedinUrl: e.linkedinUrl ?? '',
    rollNumber: e.rollNumber ?? '',
    source: e.source,
    outcome: e.outcome,
    difficulty: String(e.difficulty),
    offerDetails: e.offerDetails ?? '',
    body: e.body,
    tips: e.tips ?? '',
    rounds: [...rounds]
      .sort((a, b) => a.position - b.position)
      .map((r) => ({ kind: r.kind, title: r.title, durationMinutes: r.durationMinutes ? String(r.durationMinutes) : '', notes: r.notes ?? '', questions: r.questionsText })),
  };
}

/** Errors keyed `rounds.<i>.<field>` refer to the validated (non-blank) rounds; map them back to form blocks. */
export function roundErrors(values: ExperienceValues, errors: Record<string, string>): Array<Record<string, string>> {
  const perBlock = values.rounds.map(() => ({}) as Record<string, string>);
  let validatedIndex = 0;
  values.rounds.forEach((round, block) => {
    if (isBlank(round)) return;
    for (const [key, message] of Object.entries(errors)) {
      const match = /^rounds\.(\d+)\.(\w+)$/.exec(key);
      if (match && Number(match[1]) === validatedIndex) perBlock[block]![match[2]!] = message;
    }
    validatedIndex++;
  });
  return perBlock;
}

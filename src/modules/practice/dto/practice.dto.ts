import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { TOPICS } from '../../questions/topics.js';
import { DEFAULT_THINKING_SECONDS, PRACTICE_MODES, THINKING_SECONDS, type PracticeMode } from '../entities/practice-session.entity.js';

const optional = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
// Textareas send CRLF; storing LF keeps offsets in the report the same for every browser.
const text = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value);

export const MIN_QUESTIONS = 1;
export const MAX_QUESTIONS = 10;
export const DEFAULT_QUESTIONS = 5;
export const ANSWER_MIN = 20;
export const ANSWER_MAX = 5000;
/** Longest recording accepted (a 3-minute WAV is ≈ 6 MB; the browser sends compressed audio). */
export const RECORDING_MAX_BYTES = 25 * 1024 * 1024;
/** The room stops a recording at this length. */
export const RECORDING_MAX_SECONDS = 180;
/** Camera frames per answer: one every 500 ms for the longest recording. */
export const MAX_FRAMES = RECORDING_MAX_SECONDS * 2;
export const FRAME_MAX_BYTES = 512 * 1024;
/**
 * Cap on a whole upload, checked from Content-Length before anything is read: uploads are
 * buffered in memory. A browser's 3-minute take is ≈ 1 MB of Opus plus ≈ 20 MB of frames.
 */
export const UPLOAD_MAX_BYTES = 40 * 1024 * 1024;
/** Recording formats accepted, by Content-Type, with the file extension they are stored under. */
export const RECORDING_TYPES: Record<string, string> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
};

/**
 * Difficulty of the first questions, by the average difficulty (1–5) students gave the interviews
 * they came from; later questions adapt to the scores.
 */
export type DifficultyLevel = 'any' | 'easier' | 'moderate' | 'harder';
export const DIFFICULTY_LEVELS: Readonly<Record<DifficultyLevel, { label: string; min?: number; max?: number }>> = {
  any: { label: 'Any difficulty' },
  easier: { label: 'Easier (interviews rated up to 2.5 of 5)', max: 2.5 },
  moderate: { label: 'Moderate (2.5 to 3.5)', min: 2.5, max: 3.5 },
  harder: { label: 'Harder (3.5 and above)', min: 3.5 },
};

export class NewPracticeForm {
  @Transform(optional)
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,139}$/, { message: 'Choose a company from the list, or any company.' })
  company: string | null = null;

  @Transform(optional)
  @IsOptional()
  @IsIn(TOPICS.map((t) => t.slug), { message: 'Choose a topic from the list, or every topic.' })
  topic: string | null = null;

  /** Part of a role name ("SDE", "analyst"): questions from interviews for matching roles. */
  @Transform(optional)
  @IsOptional()
  @IsString()
  @Length(2, 120, { message: 'Type at least 2 characters of the role, or leave it empty for any role.' })
  role: string | null = null;

  @IsIn(Object.keys(DIFFICULTY_LEVELS), { message: 'Choose a difficulty from the list.' })
  difficulty: DifficultyLevel = 'any';

  @Type(() => Number)
  @IsInt({ message: `Choose between ${MIN_QUESTIONS} and ${MAX_QUESTIONS} questions.` })
  @Min(MIN_QUESTIONS, { message: `Choose between ${MIN_QUESTIONS} and ${MAX_QUESTIONS} questions.` })
  @Max(MAX_QUESTIONS, { message: `Choose between ${MIN_QUESTIONS} and ${MAX_QUESTIONS} questions.` })
  count: number = DEFAULT_QUESTIONS;

  @IsIn(PRACTICE_MODES, { message: 'Choose how you will answer: typing or speaking.' })
  mode: PracticeMode = 'text';

  @Type(() => Number)
  @IsIn(THINKING_SECONDS, { message: 'Choose a thinking time from the list.' })
  thinking: number = DEFAULT_THINKING_SECONDS;

  /** Practise one given question of the bank (from its page) instead of drawing questions. */
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === null || value === '' ? null : Number(value)))
  @IsOptional()
  @IsInt({ message: 'We could not find that question.' })
  @Min(1, { message: 'We could not find that question.' })
  question: number | null = null;
}

export class AnswerForm {
  @Transform(text)
  @IsString({ message: `Write your answer (${ANSWER_MIN} to ${ANSWER_MAX} characters).` })
  @Length(ANSWER_MIN, ANSWER_MAX, { message: `Write your answer in ${ANSWER_MIN} to ${ANSWER_MAX} characters: a real answer is usually a few sentences.` })
  answer: string;
}

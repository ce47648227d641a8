import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : trim({ value }));

export const QUESTION_MIN = 10;
export const QUESTION_MAX = 300;
export const ANSWER_MAX = 5000;

const questionMessage = `Please write your question in ${QUESTION_MIN} to ${QUESTION_MAX} characters.`;

export class ProposeFaqDto {
  @Transform(trim)
  @IsString({ message: questionMessage })
  @Length(QUESTION_MIN, QUESTION_MAX, { message: questionMessage })
  question: string;
}

export class AnswerFaqDto {
  @Transform(trim)
  @IsString({ message: 'Please write an answer.' })
  @Length(1, ANSWER_MAX, { message: `Please write an answer of 1 to ${ANSWER_MAX.toLocaleString('en-IN')} characters.` })
  answer: string;

  /** Officers may tidy the wording of the question while answering it; left empty, it is kept. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString({ message: questionMessage })
  @Length(QUESTION_MIN, QUESTION_MAX, { message: questionMessage })
  question?: string;
}

import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { VOTE_TARGETS, type VoteTarget, type VoteValue } from '../entities/forum-vote.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Textareas send CRLF; counting and storing LF keeps the limits the same for every browser.
const text = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value);
const optionalSlug = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const optionalId = ({ value }: { value: unknown }) => (value === undefined || value === null || value === '' ? null : Number(value));

export const TITLE_MIN = 8;
export const TITLE_MAX = 200;
export const THREAD_BODY_MIN = 20;
export const BODY_MAX = 20_000;
export const REPLY_MIN = 2;

export class ThreadForm {
  @Transform(trim)
  @IsString({ message: `Give your thread a title (${TITLE_MIN} to ${TITLE_MAX} characters).` })
  @Length(TITLE_MIN, TITLE_MAX, { message: `Give your thread a title of ${TITLE_MIN} to ${TITLE_MAX} characters.` })
  title: string;

  @Transform(text)
  @IsString({ message: `Write your question or topic (${THREAD_BODY_MIN} to ${BODY_MAX} characters).` })
  @Length(THREAD_BODY_MIN, BODY_MAX, { message: `Write your question or topic in ${THREAD_BODY_MIN} to ${BODY_MAX} characters.` })
  body: string;

  @Transform(trim)
  @IsString({ message: 'Choose a category.' })
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'Choose a category.' })
  category: string;

  @Transform(optionalSlug)
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,140}$/, { message: 'Choose a company from the list, or leave it empty.' })
  // Defaults apply when the field is missing from the form altogether (transforms run only on present keys).
  company: string | null = null;
}

export class PostForm {
  @Transform(text)
  @IsString({ message: `Write your reply (${REPLY_MIN} to ${BODY_MAX} characters).` })
  @Length(REPLY_MIN, BODY_MAX, { message: `Write your reply in ${REPLY_MIN} to ${BODY_MAX} characters.` })
  body: string;

  @Transform(optionalId)
  @IsOptional()
  @IsInt({ message: 'The quoted reply was not found.' })
  @Min(1, { message: 'The quoted reply was not found.' })
  quotedPostId: number | null = null;
}

export class VoteForm {
  @IsIn(VOTE_TARGETS, { message: 'Choose what to vote on.' })
  targetType: VoteTarget;

  @Type(() => Number)
  @IsInt({ message: 'Choose what to vote on.' })
  @Min(1, { message: 'Choose what to vote on.' })
  targetId: number;

  @Type(() => Number)
  @IsIn([1, -1], { message: 'A vote is either up (+1) or down (-1).' })
  value: VoteValue;
}

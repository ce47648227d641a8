import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_SOURCES, OUTCOMES, type ApplicationSource, type Outcome } from '../entities/experience.entity.js';
import { ROUND_KINDS, type RoundKind } from '../entities/round.entity.js';
import { isChecked } from '../../../common/forms/checkbox.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const optional = ({ value }: { value: unknown }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : (value ?? null));
const checkbox = ({ value }: { value: unknown }) => isChecked(value);
const thisYear = () => new Date().getUTCFullYear();

export class RoundForm {
  @IsIn(ROUND_KINDS, { message: 'Choose what kind of round this was.' })
  kind: RoundKind;

  @Transform(trim)
  @IsString()
  @Length(2, 160, { message: 'Give the round a short title, e.g. "Technical interview 1".' })
  title: string;

  @Transform(({ value }: { value: unknown }) => (value === '' || value === null || value === undefined ? null : Number(value)))
  @IsOptional()
  @IsInt({ message: 'Duration must be a whole number of minutes.' })
  @Min(1, { message: 'Duration must be at least 1 minute.' })
  @Max(600, { message: 'Duration must be at most 600 minutes.' })
  durationMinutes: number | null;

  @Transform(optional)
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Notes must be at most 5000 characters.' })
  notes: string | null;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : ''))
  @IsString()
  @MaxLength(10000, { message: 'The questions must be at most 10000 characters.' })
  questions: string;
}

export class ExperienceForm {
  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'Enter the company name (2 to 120 characters).' })
  companyName: string;

  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'Enter the role you interviewed for, e.g. "Software Engineer".' })
  role: string;

  @Transform(optional)
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'The role description must be at most 2000 characters.' })
  roleDescription: string | null;

  @Type(() => Number)
  @IsInt({ message: 'Enter the year of the interview, e.g. 2025.' })
  @Min(2000, { message: 'The interview year must be 2000 or later.' })
  @Max(thisYear() + 1, { message: `The interview year cannot be after ${thisYear() + 1}.` })
  interviewYear: number;

  @Type(() => Number)
  @IsInt({ message: 'Enter your year of passout, e.g. 2026.' })
  @Min(1980, { message: 'Year of passout must be 1980 or later.' })
  @Max(thisYear() + 6, { message: `Year of passout must be ${thisYear() + 6} or earlier.` })
  passoutYear: number;

  @Transform(trim)
  @IsString()
  @Length(2, 80, { message: 'Enter your branch, e.g. Computer Science.' })
  branch: string;

  @Transform(checkbox)
  @IsBoolean()
  anonymous: boolean;

  @Transform(optional)
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true, host_whitelist: ['linkedin.com', 'www.linkedin.com', 'in.linkedin.com'] }, { message: 'LinkedIn URL must be an https://www.linkedin.com/… address.' })
  linkedinUrl: string | null;

  @Transform(optional)
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'Roll number must be at most 40 characters.' })
  @Matches(/^[A-Za-z0-9/_-]+$/, { message: 'Roll number may contain letters, digits, "-", "_" and "/" only.' })
  rollNumber: string | null;

  @IsIn(APPLICATION_SOURCES, { message: 'Choose how you applied.' })
  source: ApplicationSource;

  @IsIn(OUTCOMES, { message: 'Choose the outcome.' })
  outcome: Outcome;

  @Type(() => Number)
  @IsInt({ message: 'Rate the difficulty from 1 (easy) to 5 (very hard).' })
  @Min(1, { message: 'Rate the difficulty from 1 (easy) to 5 (very hard).' })
  @Max(5, { message: 'Rate the difficulty from 1 (easy) to 5 (very hard).' })
  difficulty: number;

  @Transform(optional)
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'Offer details must be at most 300 characters.' })
  offerDetails: string | null;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : value))
  @IsString({ message: 'Describe how the interview went.' })
  @Length(50, 20000, { message: 'Describe how the interview went in at least 50 characters (at most 20000).' })
  body: string;

  @Transform(optional)
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Tips must be at most 5000 characters.' })
  tips: string | null;

  @ValidateNested({ each: true })
  @Type(() => RoundForm)
  @ArrayMinSize(1, { message: 'Add at least one round, with the questions you were asked.' })
  @ArrayMaxSize(12, { message: 'At most 12 rounds.' })
  rounds: RoundForm[];
}

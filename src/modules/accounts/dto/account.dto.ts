import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { EnglishDialect } from '../../../ml/index.js';
import { isChecked } from '../../../common/forms/checkbox.js';

/** Spellings the grammar check knows; Indian English by default: British-style spelling is not an error. */
export const ENGLISH_DIALECTS: Readonly<Record<EnglishDialect, string>> = {
  indian: 'Indian English',
  british: 'British English',
  american: 'American English',
  australian: 'Australian English',
  canadian: 'Canadian English',
};

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value);
const thisYear = new Date().getUTCFullYear();

export class ProfileFields {
  @Transform(trim)
  @IsString()
  @Length(2, 80, { message: 'Display name must be 2 to 80 characters.' })
  displayName: string;

  @Transform(trim)
  @IsString()
  @Length(2, 80, { message: 'Please enter your branch, e.g. Computer Science.' })
  branch: string;

  @Type(() => Number)
  @IsInt({ message: 'Year of passout must be a year, e.g. 2026.' })
  @Min(1980, { message: 'Year of passout must be 1980 or later.' })
  @Max(thisYear + 6, { message: `Year of passout must be ${thisYear + 6} or earlier.` })
  passoutYear: number;

  @Transform(emptyToNull)
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'Roll number must be at most 40 characters.' })
  @Matches(/^[A-Za-z0-9/_-]+$/, { message: 'Roll number may contain letters, digits, "-", "_" and "/" only.' })
  rollNumber: string | null;

  @Transform(emptyToNull)
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true, host_whitelist: ['linkedin.com', 'www.linkedin.com', 'in.linkedin.com'] }, { message: 'LinkedIn URL must be an https://www.linkedin.com/… address.' })
  linkedinUrl: string | null;

  /** The English whose spelling the grammar check of practice answers follows. */
  @IsIn(Object.keys(ENGLISH_DIALECTS), { message: 'Choose an English from the list.' })
  englishDialect: EnglishDialect = 'indian';

  /** Opt-in: practice-mode reports may describe facial expressions only when this is on. */
  @Transform(({ value }: { value: unknown }) => isChecked(value))
  @IsBoolean()
  expressionAnalysis: boolean = false;
}

export class RegisterDto extends ProfileFields {
  @Transform(lower)
  @IsEmail({}, { message: 'Please enter a valid e-mail address.' })
  @MaxLength(254, { message: 'E-mail address is too long.' })
  email: string;

  @IsString()
  @MinLength(10, { message: 'Password must be at least 10 characters.' })
  @MaxLength(200, { message: 'Password must be at most 200 characters.' })
  password: string;

  @ValidateIf((o: RegisterDto) => o.password !== o.passwordConfirm)
  @IsIn(['__never__'], { message: 'The two passwords do not match.' })
  passwordConfirm: string;
}

export class LoginDto {
  @Transform(lower)
  @IsEmail({}, { message: 'Please enter the e-mail address you signed up with.' })
  email: string;

  @IsString()
  @MinLength(1, { message: 'Please enter your password.' })
  password: string;
}

export class ForgotPasswordDto {
  @Transform(lower)
  @IsEmail({}, { message: 'Please enter a valid e-mail address.' })
  email: string;
}

export class ResetPasswordDto {
  @IsString()
  @Length(20, 100, { message: 'This reset link is not valid.' })
  token: string;

  @IsString()
  @MinLength(10, { message: 'Password must be at least 10 characters.' })
  @MaxLength(200, { message: 'Password must be at most 200 characters.' })
  password: string;

  @ValidateIf((o: ResetPasswordDto) => o.password !== o.passwordConfirm)
  @IsIn(['__never__'], { message: 'The two passwords do not match.' })
  passwordConfirm: string;
}

export class ChangeRoleDto {
  @IsIn(['student', 'officer', 'admin'], { message: 'Choose student, officer or admin.' })
  role: 'student' | 'officer' | 'admin';
}

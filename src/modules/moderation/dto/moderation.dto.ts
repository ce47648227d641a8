import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { FLAG_TARGETS, type FlagTarget } from '../entities/flag.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FlagDto {
  @IsIn(FLAG_TARGETS, { message: 'Unknown kind of post.' })
  targetType: FlagTarget;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  targetId: number;

  @Transform(trim)
  @IsString()
  @Length(10, 1000, { message: 'Please say what is wrong, in 10 to 1000 characters.' })
  reason: string;
}

export class RejectDto {
  @Transform(trim)
  @IsString()
  @Length(5, 500, { message: 'Give the author a reason (5 to 500 characters); they will see it.' })
  reason: string;
}

export class ResolveDto {
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'The note must be at most 500 characters.' })
  note?: string;
}

export class TakedownDto {
  @Transform(trim)
  @IsString()
  @Length(2, 120, { message: 'Please enter your name or your organisation’s.' })
  contactName: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'Please enter an e-mail address where we can reach you.' })
  contactEmail: string;

  @Transform(trim)
  @IsString()
  @Length(5, 300, { message: 'Paste the address of the page, e.g. https://…/experiences/12.' })
  url: string;

  @Transform(trim)
  @IsString()
  @Length(20, 1000, { message: 'Explain what should be removed and why (20 to 1000 characters).' })
  reason: string;
}

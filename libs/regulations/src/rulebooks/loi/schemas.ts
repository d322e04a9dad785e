/**
 * Input schemas of LOI's book-specific facts: offering options and the details of each act.
 * The same classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { LOI_LEVELS, MAX_STUDY_MONTHS, type LoiLevel } from './decisions/common';

const MAX_SCORE = 100_000;
/** LOI-10: courses list their modules; far above any LOI course. */
export const MAX_MODULES = 100;
/** Bounds typos: far above any exam fee. */
const MAX_FEE_CENTS = 100_000_000;

export class LoiOfferingOptions {
  /** LOI-12.3: hbo | mbo | other. */
  @IsIn(LOI_LEVELS, { message: 'an LOI offering needs level: hbo, mbo or other' })
  level!: LoiLevel;

  /** LOI-9.1 / LOI-12: study duration in months. */
  @IsInt({ message: `an LOI offering needs studyMonths, 1 to ${MAX_STUDY_MONTHS}` })
  @Min(1, { message: `an LOI offering needs studyMonths, 1 to ${MAX_STUDY_MONTHS}` })
  @Max(MAX_STUDY_MONTHS, { message: `an LOI offering needs studyMonths, 1 to ${MAX_STUDY_MONTHS}` })
  studyMonths!: number;

  /** LOI-12.2: tutor guidance (self-study courses cannot be terminated early). */
  @IsOptional()
  @IsBoolean()
  tutor?: boolean;

  /** LOI-5.3-4 (VAT-exempt) and LOI-4 (MBO data). */
  @IsOptional()
  @IsBoolean()
  recognised?: boolean;

  /** LOI-10: the course's modules in the prescribed order (the first two activate at the start). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MODULES, { message: `moduleIds must be at most ${MAX_MODULES} distinct ids` })
  @ArrayUnique({ message: `moduleIds must be at most ${MAX_MODULES} distinct ids` })
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  moduleIds?: string[];

  /** LOI-11: correct answers needed to pass, unless the result states it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  examPassMark?: number;

  /** LOI-11: the exam fee charged again for a resit. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEE_CENTS)
  resitExamFeeCents?: number;
}

export class LoiWithdrawalDetails {
  /** LOI-7.3: course materials were sent and must come back; default: the offering has a material component. */
  @IsOptional()
  @IsBoolean()
  materialsSent?: boolean;
}

/** Acts with no book-specific details. */
export class LoiNoDetails {}

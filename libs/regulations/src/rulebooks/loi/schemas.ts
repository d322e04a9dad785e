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
import { LOI_SUSPENSION_GROUNDS, type LoiSuspensionGround } from './decisions/suspension';
import { LOI_CHANGEABLE_TERMS as TERMS, LOI_NOTICE_CHANNELS, type LoiNoticeChannel } from './decisions/terms-change';

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

/** LOI-8: the customer's obligation not performed, on which LOI suspends its own. */
export class LoiSuspensionDetails {
  /** unpaid (an invoice past its term, LOI-6.2-3), documents-missing (LOI-4) or other (named in `obligation`). */
  @IsIn(LOI_SUSPENSION_GROUNDS, {
    message: `ground must be one of ${LOI_SUSPENSION_GROUNDS.join(', ')} (LOI-8: the obligation not performed)`,
  })
  ground!: LoiSuspensionGround;

  /** The obligation not performed, in LOI's words; required for ground other. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  obligation?: string;
}

/**
 * LOI-17: changed terms, published as a new version. The figures the change sets are optional;
 * absent ones stay as they are.
 */
export class LoiTermsChangeDetails {
  /** How the change was announced (art. 17: personal notice or publication on LOI's website). */
  @IsIn(LOI_NOTICE_CHANNELS, {
    message: `noticeChannel must be one of ${LOI_NOTICE_CHANNELS.join(', ')} (LOI-17: how the change was announced)`,
  })
  noticeChannel!: LoiNoticeChannel;

  /** What changes, in LOI's words. */
  @IsString({ message: 'summary is required (LOI-17: what the changed terms change)' })
  @Length(1, 500)
  summary!: string;

  /** LOI-14: monthly surcharge for students abroad (net cents). */
  @IsOptional()
  @IsInt()
  @Min(TERMS.abroadMonthlySurchargeCents.min)
  @Max(TERMS.abroadMonthlySurchargeCents.max)
  abroadMonthlySurchargeCents?: number;

  /** LOI-6.3: the cap on collection costs, in basis points of the amount owed. */
  @IsOptional()
  @IsInt()
  @Min(TERMS.collectionCostsCapBasisPoints.min)
  @Max(TERMS.collectionCostsCapBasisPoints.max)
  collectionCostsCapBasisPoints?: number;

  /** LOI-12.3-OV: the notice period of other courses, in months. */
  @IsOptional()
  @IsInt()
  @Min(TERMS.otherNoticeMonths.min)
  @Max(TERMS.otherNoticeMonths.max)
  otherNoticeMonths?: number;

  /** LOI-4: days after registration to hand in the MBO documents. */
  @IsOptional()
  @IsInt()
  @Min(TERMS.mboDataDeadlineDays.min)
  @Max(TERMS.mboDataDeadlineDays.max)
  mboDataDeadlineDays?: number;

  /** LOI-10: modules active at once. */
  @IsOptional()
  @IsInt()
  @Min(TERMS.maxActiveModules.min)
  @Max(TERMS.maxActiveModules.max)
  maxActiveModules?: number;
}

/** Acts with no book-specific details. */
export class LoiNoDetails {}

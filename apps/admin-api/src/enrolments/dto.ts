/**
 * Request bodies of the offering and enrolment endpoints (docs/api.md "Reference data", "Enrolments").
 * Shape and ranges are checked here; what needs the rulebook or the offering (which options fit
 * which rulebook, pass marks, ...) is checked by the domain and also answered with 400.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AFFECTED_PERSONS,
  ATTENDANCE_STATUSES,
  CANCELLATION_REASONS,
  COMPONENT_KINDS,
  MAX_COMPONENTS,
  MAX_MODULES,
  MAX_STUDY_MONTHS,
  MBO_ITEMS,
  OFFERING_RULEBOOK_IDS,
  type AffectedPerson,
  type AttendanceStatus,
  type CancellationReason,
  type ComponentKind,
  type MboItem,
  type OfferingRulebookId,
} from '@ledger/domain';
import { ID_MESSAGE, ID_PATTERN, IsInstant, IsLocalDate, QueryInt } from '../http/validators';

/** 10 million euros: far above any course price; bounds typos. */
export const MAX_PRICE_CENTS = 1_000_000_000;
/** Exam scores are counts of points or answers. */
const MAX_SCORE = 100_000;

class CommandDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

export class ComponentDto {
  @ApiProperty({ enum: COMPONENT_KINDS })
  @IsIn(COMPONENT_KINDS)
  kind!: ComponentKind;

  @ApiProperty({
    description: 'Net price excluding VAT, integer cents (LOI tuition and exam-fee: per month)',
    minimum: 0,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents!: number;
}

export class DefineOfferingDto extends CommandDto {
  @ApiProperty({ example: 'pp-classroom-vca-2026-03' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  offeringId!: string;

  @ApiProperty({ enum: OFFERING_RULEBOOK_IDS })
  @IsIn(OFFERING_RULEBOOK_IDS)
  rulebookId!: OfferingRulebookId;

  @ApiProperty({
    description:
      'plusport: e-learning, package-exam, package-practical, practical-training, classroom, book-exam, exam; vli: training; excellus: contact-course, exam-only, e-learning, material; loi: home-study',
  })
  @IsString()
  @Length(1, 40)
  kind!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({
    description: 'Start of the course, session or exam (required except for e-learning and material)',
  })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiProperty({ type: [ComponentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components!: ComponentDto[];

  @ApiPropertyOptional({
    description: 'Business time the offering was defined; defaults to the time the ledger receives it',
  })
  @IsOptional()
  @IsInstant()
  definedAt?: string;

  @ApiPropertyOptional({ description: 'plusport PP-14.6: ATEX / NEN 1010 / NEN 3140 / VCA classroom' })
  @IsOptional()
  @IsBoolean()
  rescheduleAsCancellation?: boolean;

  @ApiPropertyOptional({
    description: 'plusport PP-14.5: a colleague taking the place must have passed the online theory exam',
  })
  @IsOptional()
  @IsBoolean()
  requiresProofOfParticipation?: boolean;

  @ApiPropertyOptional({ description: 'plusport, excellus, loi: correct answers required to pass (PP-13.2-3)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  examPassMark?: number;

  @ApiPropertyOptional({ description: 'vli VLI-2.1: security course (needs a VOG)' })
  @IsOptional()
  @IsBoolean()
  securityCourse?: boolean;

  @ApiPropertyOptional({ enum: ['standard', 'ilt-dangerous-goods'], description: 'vli VLI-4.3a pass mark' })
  @IsOptional()
  @IsIn(['standard', 'ilt-dangerous-goods'])
  examType?: 'standard' | 'ilt-dangerous-goods';

  @ApiPropertyOptional({ description: 'excellus EXC-4.1*: in-company or group agreement' })
  @IsOptional()
  @IsBoolean()
  group?: boolean;

  @ApiPropertyOptional({
    description: 'excellus EXC-4.3: administration costs of an exam-only booking (capped at 50.00)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  adminCostsCents?: number;

  @ApiPropertyOptional({ enum: ['hbo', 'mbo', 'other'], description: 'loi LOI-12.3' })
  @IsOptional()
  @IsIn(['hbo', 'mbo', 'other'])
  level?: 'hbo' | 'mbo' | 'other';

  @ApiPropertyOptional({ description: 'loi: study duration in months', minimum: 1, maximum: MAX_STUDY_MONTHS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_STUDY_MONTHS)
  studyMonths?: number;

  @ApiPropertyOptional({ description: 'loi LOI-12.2: tutor guidance' })
  @IsOptional()
  @IsBoolean()
  tutor?: boolean;

  @ApiPropertyOptional({ description: 'loi LOI-5.3-4 / LOI-4: legally recognised training' })
  @IsOptional()
  @IsBoolean()
  recognised?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'loi LOI-10: module ids in the prescribed order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MODULES)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  moduleIds?: string[];

  @ApiPropertyOptional({ description: 'loi LOI-11: exam fee charged for a resit (net cents)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  resitExamFeeCents?: number;
}

export class PriceChangeDto extends CommandDto {
  @ApiProperty({ description: 'Id of this price change (idempotent per offering)' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  changeId!: string;

  @ApiProperty({ description: 'Business time the new prices take effect' })
  @IsInstant()
  changedAt!: string;

  @ApiProperty({ type: [ComponentDto], description: 'New net prices of the components named' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components!: ComponentDto[];

  @ApiPropertyOptional({ description: 'EXC-7.1-2: a change required by law (no dissolution right)' })
  @IsOptional()
  @IsBoolean()
  requiredByLaw?: boolean;
}

export class RegisterEnrolmentDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  enrolmentId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  offeringId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId!: string;

  @ApiProperty({ description: 'Business time of the registration (the sending date counts, EXC-4.2)' })
  @IsInstant()
  registeredAt!: string;
}

export class CancellationDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ enum: CANCELLATION_REASONS })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;

  @ApiPropertyOptional({
    enum: AFFECTED_PERSONS,
    description: 'PP-15.6: whose death, hospitalisation or sickness (default learner)',
  })
  @IsOptional()
  @IsIn(AFFECTED_PERSONS)
  affectedPerson?: AffectedPerson;

  @ApiPropertyOptional({ description: 'PP-15.5-EL: e-learning already started; EXC-4.3: e-learning environment used' })
  @IsOptional()
  @IsBoolean()
  eLearningStarted?: boolean;

  @ApiPropertyOptional({ description: 'PP-15.5-BOOK' })
  @IsOptional()
  @IsBoolean()
  textbookReturnedUnused?: boolean;

  @ApiPropertyOptional({ description: 'PP-15.5-BOOK: the textbook was sent beforehand (default true)' })
  @IsOptional()
  @IsBoolean()
  textbookSent?: boolean;

  @ApiPropertyOptional({ description: 'EXC-4.4: when e-learning login credentials were issued' })
  @IsOptional()
  @IsInstant()
  credentialsIssuedAt?: string;

  @ApiPropertyOptional({ description: 'EXC-4.5: day the course material arrived' })
  @IsOptional()
  @IsLocalDate()
  materialReceivedOn?: string;
}

export class EvidenceDto extends CommandDto {
  @ApiProperty({ description: 'When the evidence arrived' })
  @IsInstant()
  receivedAt!: string;

  @ApiProperty({ example: 'medical-certificate' })
  @IsString()
  @Length(1, 100)
  kind!: string;
}

export class RescheduleDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ description: 'The new date (PP-14.5: required, within 3 months)' })
  @IsInstant()
  newStartsAt!: string;
}

export class WithdrawalDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiPropertyOptional({
    description: 'LOI-7.3: course materials were sent (default: the offering has a material component)',
  })
  @IsOptional()
  @IsBoolean()
  materialsSent?: boolean;
}

export class MaterialsReturnDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  receivedAt!: string;

  @ApiProperty({ description: 'LOI-7.4: undamaged, complete, in the original packaging' })
  @IsBoolean()
  originalState!: boolean;

  @ApiPropertyOptional({ description: 'LOI-7.4: value reduction the customer pays instead (gross cents)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  valueReductionCents?: number;
}

export class ProviderCancellationDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  cancelledAt!: string;
}

export class TerminationDto extends CommandDto {
  @ApiProperty({ description: 'When LOI received the notice' })
  @IsInstant()
  requestedAt!: string;
}

export class SubstitutionDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  substituteLearnerId!: string;

  @ApiPropertyOptional({ description: 'PP-14.5: the colleague passed the online theory exam' })
  @IsOptional()
  @IsBoolean()
  colleaguePassedOnlineTheoryExam?: boolean;
}

export class AttendanceDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  at!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @ApiPropertyOptional({ description: 'VLI-2.1: a valid VOG was shown (security courses)' })
  @IsOptional()
  @IsBoolean()
  vogValid?: boolean;
}

export class ExamResultDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  sittingAt!: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  score!: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_SCORE)
  maxScore!: number;

  @ApiProperty()
  @IsBoolean()
  identified!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  fraud?: boolean;

  @ApiPropertyOptional({ description: 'VLI-4.3a IL&T dangerous goods: works for an E-recognition holder (90 %)' })
  @IsOptional()
  @IsBoolean()
  learnerAtERecognitionHolder?: boolean;

  @ApiPropertyOptional({ description: 'Correct answers required (default: the offering examPassMark)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  passMark?: number;

  @ApiPropertyOptional({ description: 'PP-13.2-3 practical-session course' })
  @IsOptional()
  @IsBoolean()
  onlineTrainingCompleted?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  onlineTheoryExamPassed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  practicalExercisesPassed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  declaredCompetent?: boolean;
}

export class CertificateDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;
}

export class ModuleDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  moduleId!: string;

  @ApiProperty()
  @IsInstant()
  at!: string;

  @ApiPropertyOptional({ description: 'LOI-10: the prerequisite modules are completed (default true)' })
  @IsOptional()
  @IsBoolean()
  prerequisitesMet?: boolean;
}

export class ModuleCompletionDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  moduleId!: string;

  @ApiProperty()
  @IsInstant()
  at!: string;
}

export class MboDataDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  receivedAt!: string;

  @ApiProperty({ enum: MBO_ITEMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MBO_ITEMS.length)
  @IsIn(MBO_ITEMS, { each: true })
  items!: MboItem[];
}

export class ApplyPriceChangeDto extends CommandDto {
  @ApiProperty({
    description: 'A price change recorded on the enrolment offering (POST /offerings/{id}/price-changes)',
  })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  changeId!: string;

  @ApiProperty({ description: 'Business time the change is applied to this agreement' })
  @IsInstant()
  appliedAt!: string;
}

export class DissolutionDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ description: 'The price change that granted the right (PP-5.2, EXC-7.1-2)' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  changeId!: string;
}

export class ForceMajeureDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  declaredAt!: string;

  @ApiProperty({ enum: COMPONENT_KINDS, isArray: true, description: 'PP-7.3: components already delivered' })
  @IsArray()
  @ArrayMaxSize(MAX_COMPONENTS)
  @ArrayUnique()
  @IsIn(COMPONENT_KINDS, { each: true })
  deliveredComponents!: ComponentKind[];

  @ApiPropertyOptional({ description: 'PP-7.3: costs the exam supplier charges (gross cents)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  supplierCostsCents?: number;
}

export class EnrolmentQuery {
  @ApiPropertyOptional({ description: 'Business time: the enrolment as it stood then' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Record time: what the ledger knew then' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

export class ListEnrolmentsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  offeringId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId?: string;

  @ApiPropertyOptional({
    enum: [
      'active',
      'cancelled',
      'cancelled-by-provider',
      'withdrawn',
      'terminated',
      'dissolved',
      'ended-force-majeure',
    ],
  })
  @IsOptional()
  @IsIn(['active', 'cancelled', 'cancelled-by-provider', 'withdrawn', 'terminated', 'dissolved', 'ended-force-majeure'])
  status?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}

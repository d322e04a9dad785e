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
  ATTENDANCE_STATUSES,
  CANCELLATION_REASONS,
  COMPONENT_KINDS,
  MAX_COMPONENTS,
  type AttendanceStatus,
  type CancellationReason,
  type ComponentKind,
} from '@ledger/domain';
import { createRulebookRegistry, isNotCovered, type JsonValue } from '@ledger/regulations';

const BUILT_IN_RULEBOOKS = createRulebookRegistry();
/** The rulebooks of this build that sell offerings (documentation; the domain checks the registry in use). */
const OFFERING_RULEBOOK_IDS = BUILT_IN_RULEBOOKS.idsOffering('enrolment');
/** Every document item a rulebook of this build asks for; the enrolment's own rulebook checks its list. */
const DOCUMENT_ITEMS = [
  ...new Set(
    OFFERING_RULEBOOK_IDS.flatMap((id) =>
      BUILT_IN_RULEBOOKS.versions(id).flatMap((version) => {
        const documents = version.acts.enrolment?.documents;
        return documents && !isNotCovered(documents) ? documents.items : [];
      }),
    ),
  ),
];
import { ID_MESSAGE, ID_PATTERN, IsInstant, QueryInt } from '../http/validators';
import { WithActDetails, type ActDetailsBody } from '../http/validation';

/** Far above any in-company group; bounds typos (the rulebook checks the agreement). */
const MAX_GROUP_PARTICIPANTS = 1_000;
/** 10 million euros: far above any course price; bounds typos. */
export const MAX_PRICE_CENTS = 1_000_000_000;
/** Document items named in one receipt; no rulebook asks for more. */
const MAX_DOCUMENT_ITEMS = 10;
/** Exam scores are counts of points or answers. */
const MAX_SCORE = 100_000;

class CommandDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

/** A command whose fields beyond the declared ones are the rulebook's details (see WithActDetails). */
class CommandWithDetailsDto extends CommandDto implements ActDetailsBody {
  /** Set by the validation pipe from the body's other fields; never sent as such. */
  details?: Record<string, JsonValue>;
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

/** Plus the rulebook's offering options (plusport rescheduleAsCancellation, requiresProofOfParticipation, examPassMark; vli securityCourse, examType; excellus group, adminCostsCents, examPassMark; loi level, studyMonths, tutor, recognised, moduleIds, examPassMark, resitExamFeeCents), validated by that rulebook's catalogue. */
@WithActDetails()
export class DefineOfferingDto extends CommandWithDetailsDto {
  @ApiProperty({ example: 'pp-classroom-vca-2026-03' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  offeringId!: string;

  @ApiProperty({ enum: OFFERING_RULEBOOK_IDS, description: 'A rulebook that sells offerings (GET /rulebooks)' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  rulebookId!: string;

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

/** Plus the rulebook's cancellation details (e.g. plusport affectedPerson, eLearningStarted, textbookSent, textbookReturnedUnused; excellus eLearningStarted, credentialsIssuedAt, materialReceivedOn), validated by that rulebook's schema. */
@WithActDetails()
export class CancellationDto extends CommandWithDetailsDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ enum: CANCELLATION_REASONS })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;
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

/** Plus the rulebook's reschedule details, if it has any. */
@WithActDetails()
export class RescheduleDto extends CommandWithDetailsDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ description: 'The new date (PP-14.5: required, within 3 months)' })
  @IsInstant()
  newStartsAt!: string;
}

/** Plus the rulebook's withdrawal details (e.g. loi materialsSent; excellus credentialsIssuedAt, materialReceivedOn). */
@WithActDetails()
export class WithdrawalDto extends CommandWithDetailsDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;
}

/** Plus the rulebook's return details (excellus returnCostsCents, sealBroken). */
@WithActDetails()
export class MaterialsReturnDto extends CommandWithDetailsDto {
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

/** Plus the rulebook's termination details, if it has any. */
@WithActDetails()
export class TerminationDto extends CommandWithDetailsDto {
  @ApiProperty({ description: 'When LOI received the notice' })
  @IsInstant()
  requestedAt!: string;
}

/** Plus the rulebook's details (e.g. plusport colleaguePassedOnlineTheoryExam). */
@WithActDetails()
export class SubstitutionDto extends CommandWithDetailsDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  substituteLearnerId!: string;
}

/** Plus the rulebook's details (e.g. vli vogValid). */
@WithActDetails()
export class AttendanceDto extends CommandWithDetailsDto {
  @ApiProperty()
  @IsInstant()
  at!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;
}

/** What the provider owes by a date and now delivered (plusport: the written result, PP-13.4-5). */
export class DeliveryDto extends CommandDto {
  @ApiProperty({ example: 'result', description: "A label the enrolment's rulebook tracks (plusport: result)" })
  // The enrolment's rulebook names the labels it records (400 naming the field for another).
  @IsString()
  @Length(1, 40)
  deliverable!: string;

  @ApiProperty()
  @IsInstant()
  deliveredAt!: string;
}

/** Plus the rulebook's details (e.g. vli learnerAtERecognitionHolder; plusport onlineTrainingCompleted, onlineTheoryExamPassed, practicalExercisesPassed, declaredCompetent). */
@WithActDetails()
export class ExamResultDto extends CommandWithDetailsDto {
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

  @ApiPropertyOptional({ description: 'Correct answers required (default: the offering examPassMark)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  passMark?: number;
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

  @ApiProperty({
    isArray: true,
    type: String,
    enum: DOCUMENT_ITEMS,
    description:
      "Documents received (loi LOI-4: diplomas, personalNumber, signedAgreement); the enrolment's rulebook names its own",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DOCUMENT_ITEMS)
  @IsIn(DOCUMENT_ITEMS, { each: true })
  items!: string[];
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

/** The provider dissolves for non-payment (PP-5.5), charging the components it already performed. */
export class NonPaymentDissolutionDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ enum: COMPONENT_KINDS, isArray: true, description: 'PP-5.5: components already performed' })
  @IsArray()
  @ArrayMaxSize(MAX_COMPONENTS)
  @ArrayUnique()
  @IsIn(COMPONENT_KINDS, { each: true })
  performedComponents!: ComponentKind[];
}

/** The customer dissolves after a missed delivery that gave the right (EXC-8.1). */
export class LateDeliveryDissolutionDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;
}

/** Plus the rulebook's suspension details (loi: ground unpaid | documents-missing | other, obligation). */
@WithActDetails()
export class SuspensionDto extends CommandWithDetailsDto {
  @ApiProperty({ description: 'When the provider suspends its obligations' })
  @IsInstant()
  suspendedAt!: string;
}

export class ResumptionDto extends CommandDto {
  @ApiProperty({ description: 'When the suspension ends and the course goes on' })
  @IsInstant()
  resumedAt!: string;
}

/** The number of participants of an in-company or group agreement changes (EXC-4.1*). */
export class HeadcountChangeDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  requestedAt!: string;

  @ApiProperty({ description: 'The new number of participants of the whole agreement', minimum: 1, maximum: 1_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_GROUP_PARTICIPANTS)
  participants!: number;
}

/** Force majeure concerning the exam (PP-7.4): the new date the exam supplier set, or none yet. */
export class ForceMajeureDateDto extends CommandDto {
  @ApiProperty()
  @IsInstant()
  declaredAt!: string;

  @ApiPropertyOptional({ description: 'The new date; absent while the exam supplier has none' })
  @IsOptional()
  @IsInstant()
  newStartsAt?: string;
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

/**
 * Input schemas of PlusPort's book-specific facts: offering options and the details of each act.
 * The same classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PLUSPORT_AFFECTED_PERSONS, type PlusportAffectedPerson } from './decisions/types';

/** Largest exam a pass mark counts answers of (bounds typos). */
const MAX_SCORE = 100_000;

export class PlusportOfferingOptions {
  /** PP-14.6: ATEX / NEN 1010 / NEN 3140 / VCA classroom: a reschedule follows the cancellation table. */
  @IsOptional()
  @IsBoolean()
  rescheduleAsCancellation?: boolean;

  /** PP-14.5: a colleague taking the place must have passed the online theory exam. */
  @IsOptional()
  @IsBoolean()
  requiresProofOfParticipation?: boolean;

  /** PP-13.2-3: correct answers needed to pass, unless the result states it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  examPassMark?: number;
}

export class PlusportCancellationDetails {
  /** PP-15.6: whose death, hospitalisation or sickness (default the learner). */
  @IsOptional()
  @IsIn(PLUSPORT_AFFECTED_PERSONS)
  affectedPerson?: PlusportAffectedPerson;

  /** PP-15.5-EL: the learner started the e-learning. */
  @IsOptional()
  @IsBoolean()
  eLearningStarted?: boolean;

  /** PP-15.5-BOOK: the textbook was sent beforehand (default true). */
  @IsOptional()
  @IsBoolean()
  textbookSent?: boolean;

  /** PP-15.5-BOOK: the textbook came back unused and undamaged. */
  @IsOptional()
  @IsBoolean()
  textbookReturnedUnused?: boolean;
}

export class PlusportSubstitutionDetails {
  /** PP-14.5: the colleague passed the online theory exam (needed when proof of participation is). */
  @IsOptional()
  @IsBoolean()
  colleaguePassedOnlineTheoryExam?: boolean;
}

export class PlusportExamResultDetails {
  /** PP-13.2-3 practical-session course conditions. */
  @IsOptional()
  @IsBoolean()
  onlineTrainingCompleted?: boolean;

  @IsOptional()
  @IsBoolean()
  onlineTheoryExamPassed?: boolean;

  @IsOptional()
  @IsBoolean()
  practicalExercisesPassed?: boolean;

  @IsOptional()
  @IsBoolean()
  declaredCompetent?: boolean;
}

/** Acts with no book-specific details. */
export class PlusportNoDetails {}

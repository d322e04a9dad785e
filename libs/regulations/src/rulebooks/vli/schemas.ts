/**
 * Input schemas of VLI's book-specific facts: offering options and the details of each act.
 * The same classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { VLI_EXAM_TYPES, type VliExamType } from './data';

export class VliOfferingOptions {
  /** VLI-2.1: a security course needs a valid VOG. */
  @IsOptional()
  @IsBoolean()
  securityCourse?: boolean;

  /** VLI-4.3a: which pass mark applies. */
  @IsOptional()
  @IsIn(VLI_EXAM_TYPES)
  examType?: VliExamType;
}

export class VliAttendanceDetails {
  /** VLI-2.1: a valid VOG was shown (security courses). */
  @IsOptional()
  @IsBoolean()
  vogValid?: boolean;
}

export class VliExamResultDetails {
  /** VLI-4.3a: IL&T dangerous-goods exams: the learner works for an E-recognition holder (90 %). */
  @IsOptional()
  @IsBoolean()
  learnerAtERecognitionHolder?: boolean;
}

/** Acts with no book-specific details. */
export class VliNoDetails {}

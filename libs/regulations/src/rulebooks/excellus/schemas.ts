/**
 * Input schemas of Excellus's book-specific facts: offering options and the details of each act.
 * The same classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant, IsLocalDate } from '../../contract/validators';

const MAX_SCORE = 100_000;
/** Far above any administration cost; bounds typos. */
const MAX_ADMIN_COSTS_CENTS = 1_000_000;

export class ExcellusOfferingOptions {
  /** EXC-4.1*: an in-company or group agreement (no cooling-off; rates on the whole agreement). */
  @IsOptional()
  @IsBoolean()
  group?: boolean;

  /** EXC-4.3: administration costs the offering states (capped by the rulebook). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ADMIN_COSTS_CENTS)
  adminCostsCents?: number;

  /** EXC-8.2: correct answers needed to pass, unless the result states it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SCORE)
  examPassMark?: number;
}

/** Facts of a cancellation or withdrawal only Excellus asks for. */
export class ExcellusCancellationDetails {
  /** EXC-4.3 (first reading): the learner started the e-learning environment. */
  @IsOptional()
  @IsBoolean()
  eLearningStarted?: boolean;

  /** EXC-4.3/4.4: when the e-learning login details were issued, if they were. */
  @IsOptional()
  @IsInstant()
  credentialsIssuedAt?: string;

  /** EXC-4.5: when ordered course material arrived, if it did. */
  @IsOptional()
  @IsLocalDate()
  materialReceivedOn?: string;
}

/** Acts with no book-specific details. */
export class ExcellusNoDetails {}

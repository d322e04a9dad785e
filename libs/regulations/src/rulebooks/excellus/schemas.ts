/**
 * Input schemas of Excellus's book-specific facts: offering options and the details of each act.
 * The same classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { IsInstant, IsLocalDate } from '../../contract/validators';

const MAX_SCORE = 100_000;
/** Far above any administration cost; bounds typos. */
const MAX_ADMIN_COSTS_CENTS = 1_000_000;
/** Far above any in-company group; bounds typos. */
export const MAX_GROUP_PARTICIPANTS = 1_000;
/** EXC-10.2 sets no number of instalments; the ledger takes up to 12 (monthly over a year). */
export const MAX_INSTALMENTS = 12;
/** A due date more than two years after the registration is a typo. */
const MAX_INSTALMENT_DAYS = 730;
/** Far above any return shipment; bounds typos. */
const MAX_RETURN_COSTS_CENTS = 100_000;

/** One instalment of an agreed payment plan (EXC-10.2): its share of the price and when it is due. */
export class ExcellusInstalmentTerm {
  /** Share of the price in basis points (2,500 = 25 %); the shares of a plan sum to 10,000. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  basisPoints!: number;

  /** Due this many days after the registration (capped by EXC-10.3 for a dated course). */
  @IsInt()
  @Min(0)
  @Max(MAX_INSTALMENT_DAYS)
  dueDaysAfterRegistration!: number;
}

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

  /** EXC-4.1*: the number of participants the quote of a group agreement was made on (its prices are for all of them). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_GROUP_PARTICIPANTS)
  participants?: number;

  /** EXC-10.2: the instalments the agreement sets (2 to 12; the first is the registration invoice). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_INSTALMENTS)
  // Each term is checked against ExcellusInstalmentTerm by the catalogue (no reflection metadata here).
  @IsObject({ each: true })
  instalments?: ExcellusInstalmentTerm[];

  /** EXC-10.4: material bought alone: the share of the price required in advance (at most 5,000 = half). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  prepaymentBasisPoints?: number;

  /** EXC-4.7: the material comes on an electronic carrier in a sealed package (the offer says so). */
  @IsOptional()
  @IsBoolean()
  sealedMedia?: boolean;
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

/** Facts of a returned material purchase only Excellus asks for (EXC-4.7). */
export class ExcellusMaterialsReturnDetails {
  /** The direct costs of the return Excellus bore and charges to the customer (gross cents; default none). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_RETURN_COSTS_CENTS)
  returnCostsCents?: number;

  /** Material on sealed media: the seal of the package was broken (required for such material). */
  @IsOptional()
  @IsBoolean()
  sealBroken?: boolean;
}

/** Acts with no book-specific details. */
export class ExcellusNoDetails {}

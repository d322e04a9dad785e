/** Request bodies and queries of the SPOT licence routes (docs/api.md "Licences"). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { SpotRevocationReason } from '@ledger/regulations';
import { MAX_LICENCES_PER_PARTICIPANT } from '@ledger/domain';
import { ID_MESSAGE, ID_PATTERN, IsDateOrInstant, IsInstant, IsLocalDate } from '../http/validators';

const REVOCATION_REASONS: readonly SpotRevocationReason[] = [
  'unpaid',
  'conduct',
  'not-employed',
  'participant-expelled',
];

/** Every command body carries a client-generated idempotency key. */
class CommandDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

export class RegisterParticipantDto extends CommandDto {
  @ApiProperty({ example: 'spot-0001', description: 'Also the billed customer id of its invoices' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  participantId!: string;

  @ApiProperty({ description: 'Organisation name; stored encrypted per participant' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    example: '2026-01-10',
    description: 'SPOT-I2 annual invoice date; default: the date of the first licence registration',
  })
  @IsOptional()
  @IsLocalDate()
  invoiceDate?: string;

  @ApiPropertyOptional({
    example: 'spot-lms',
    description: 'The rulebook the participant is a member under; default: the one rulebook that offers licences',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  rulebookId?: string;

  @ApiPropertyOptional({
    description: 'Business time of the registration; defaults to the time the ledger receives it',
  })
  @IsOptional()
  @IsInstant()
  registeredAt?: string;
}

export class RegisterLicenceDto extends CommandDto {
  @ApiProperty({
    example: 'lic-0001',
    description: 'Unique across participants: POST /licences/{id}/... finds the participant by it',
  })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  licenceId!: string;

  @ApiProperty({ description: 'A learner registered with employerId = this participant (SPOT-1.2)' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId!: string;

  @ApiProperty({
    example: '2026-06-01T10:00:00+02:00',
    description: 'Business time of the registration: the licence starts that day',
  })
  @IsInstant()
  registeredAt!: string;
}

export class AppointCoordinatorDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  personId!: string;

  @ApiProperty({
    example: 'Utrecht',
    description: 'Organisation or location; compared without case and surrounding spaces (SPOT-1.4)',
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'location must not be blank' })
  location!: string;

  @ApiPropertyOptional({ description: 'Business time; defaults to the time the ledger receives it' })
  @IsOptional()
  @IsInstant()
  appointedAt?: string;
}

export class RevokeLicenceDto extends CommandDto {
  @ApiProperty({ description: 'Business time of the revocation (effective at once, SPOT-6.2)' })
  @IsInstant()
  at!: string;

  @ApiProperty({ enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: SpotRevocationReason;
}

/** SPOT-3.5 refuses every transfer; the body only says to whom it was asked. */
export class TransferLicenceDto extends CommandDto {
  @ApiPropertyOptional({ description: 'The learner the licence was to go to' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  toLearnerId?: string;

  @ApiPropertyOptional({ description: 'Alias of toLearnerId' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  requestedAt?: string;
}

export class MarkNotToRenewDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Business time of the request; defaults to now' })
  @IsOptional()
  @IsInstant()
  requestedAt?: string;
}

export class TerminateLmsUseDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Business time of the request; defaults to now' })
  @IsOptional()
  @IsInstant()
  requestedAt?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'SPOT-6.1 "unless the participant says so": licences to keep renewing',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LICENCES_PER_PARTICIPANT)
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  keepRenewingLicenceIds?: string[];
}

export class EndMembershipDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Business time the membership ended; defaults to now' })
  @IsOptional()
  @IsInstant()
  endedAt?: string;
}

/** Far above any contribution for one course; bounds typos. */
const MAX_CONTRIBUTION_CENTS = 1_000_000;

/** SPOT-2.2: e-learning shared through the LMS beyond the licence's standard offer, for an extra contribution. */
export class ExtraContributionDto extends CommandDto {
  @ApiPropertyOptional({
    example: 'licence-0001',
    description: 'The licence the contribution gives access for; absent: for the participant as a whole',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  licenceId?: string;

  @ApiProperty({ example: 'dementia-care-basics', description: 'The e-learning shared through the LMS' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  courseId!: string;

  @ApiProperty({
    example: 'Vilans',
    description:
      'Who made it: SPOT itself or a provider other than ExpertCollege (whose e-Xpert VVT is in the licence)',
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'courseProvider must not be blank' })
  courseProvider!: string;

  @ApiProperty({
    example: 1500,
    description: 'The contribution SPOT asks, net (SPOT-3.2: VAT only if SPOT is VAT-liable)',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CONTRIBUTION_CENTS)
  contributionCents!: number;

  @ApiProperty({ example: '2026-04-01T10:00:00+02:00', description: 'Business time of the charge: the invoice date' })
  @IsInstant()
  chargedAt!: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-06-01', description: 'Business date (or instant); default today' })
  @IsOptional()
  @IsDateOrInstant()
  asOf?: string;
}

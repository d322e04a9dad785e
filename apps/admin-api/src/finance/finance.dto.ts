/** Request bodies and queries of the finance endpoints (docs/api.md "Finance"); every field validated and bounded. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS, type ComplaintOutcome, type ComplaintSubject } from '@ledger/domain';
import { ID_MESSAGE, ID_PATTERN, IsDateOrInstant, IsInstant, IsLocalDate } from '../http/validators';

/** Largest single payment or payout accepted: 10 million euros, far above any booking; bounds typos. */
export const MAX_PAYMENT_CENTS = 1_000_000_000;
/** Free text is bounded and printable: no control characters (it ends up in CSV exports). */
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
const TEXT_PATTERN = /^[^\u0000-\u001f\u007f]*$/;
const TEXT_MESSAGE = '$property must be text without control characters';

/** A page after the previous one: the cursor that page returned. */
class CursorQuery {
  @ApiPropertyOptional({ description: 'The cursor the previous page returned (X-Next-Cursor or nextCursor)' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  cursor?: string;
}

/** A page of at most 500 documents (the read store's page size). */
class PageQuery extends CursorQuery {
  @ApiPropertyOptional({ description: 'Page size, 1-500', maximum: 500 })
  @IsOptional()
  @Matches(/^([1-9][0-9]?|[1-4][0-9]{2}|500)$/, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;
}

export class CommandDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

export class RecordPaymentDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  paymentId!: string;

  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId!: string;

  @ApiProperty({
    description: 'Integer euro cents, > 0; a payment beyond what the invoice asks becomes a refund entitlement',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PAYMENT_CENTS)
  amountCents!: number;

  @ApiProperty({ description: 'Business time the money arrived' })
  @IsInstant()
  receivedAt!: string;
}

export class ReversePaymentDto extends CommandDto {
  @ApiProperty({ description: 'Business time of the reversal (bank return, chargeback, booking error)' })
  @IsInstant()
  reversedAt!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(TEXT_PATTERN, { message: TEXT_MESSAGE })
  reason!: string;

  @ApiPropertyOptional({ description: 'Needed only when the payment id was used on more than one invoice' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId?: string;
}

export class SendReminderDto extends CommandDto {
  @ApiProperty({ description: 'Business time the reminder was sent' })
  @IsInstant()
  sentAt!: string;

  @ApiPropertyOptional({ description: 'Day the customer received it (FIN-I7: default the sending day)' })
  @IsOptional()
  @IsLocalDate()
  receivedOn?: string;

  @ApiPropertyOptional({
    description:
      'Days to pay, counted from the day after receipt (at least 14, art. 6:96 lid 6 BW; Excellus: always 14, EXC-11)',
    minimum: 14,
    maximum: 90,
    default: 14,
  })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(90)
  termDays?: number;
}

export class PayRefundDto extends CommandDto {
  @ApiProperty({ description: 'Integer euro cents paid out, > 0, at most what the entitlement still owes' })
  @IsInt()
  @Min(1)
  @Max(MAX_PAYMENT_CENTS)
  amountCents!: number;

  @ApiProperty({ description: 'Business time of the payout' })
  @IsInstant()
  paidAt!: string;

  @ApiProperty({ description: 'Payment batch or bank transfer reference (never an account number)', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(TEXT_PATTERN, { message: TEXT_MESSAGE })
  reference!: string;
}

export class BalanceQuery {
  @ApiPropertyOptional({ description: 'Business time: a date (end of that day, FIN-I8) or an instant; default now' })
  @IsOptional()
  @IsDateOrInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Record time: only what the ledger had recorded by then' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include the per-invoice breakdown (default true)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  invoices?: 'true' | 'false';
}

export class RefundsQuery extends CursorQuery {
  @ApiPropertyOptional({ enum: ['owed', 'paid'] })
  @IsOptional()
  @IsIn(['owed', 'paid'])
  status?: 'owed' | 'paid';

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Page size (default and maximum 5000); the next page is in the X-Next-Cursor header',
    maximum: 5000,
  })
  @IsOptional()
  @Matches(/^([1-9][0-9]{0,2}|[1-4][0-9]{3}|5000)$/, { message: 'limit must be a whole number from 1 to 5000' })
  limit?: string;
}

/** Customers per page: up to 500 (default 500); the next page is in the X-Next-Cursor header. */
export class BalancesExportQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['rfc', 'nl'],
    description: 'nl: semicolons, euros with a decimal comma and a byte order mark (Dutch Excel); default rfc',
  })
  @IsOptional()
  @IsIn(['rfc', 'nl'])
  format?: 'rfc' | 'nl';

  @ApiPropertyOptional({ description: 'Business time: a date (end of that day) or an instant; default now' })
  @IsOptional()
  @IsDateOrInstant()
  asOf?: string;
}

export class FileComplaintDto extends CommandDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  complaintId!: string;

  @ApiProperty({ description: 'The enrolment the complaint is about' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  enrolmentId!: string;

  @ApiProperty({ description: 'Business time the complaint (or dispute) was received' })
  @IsInstant()
  filedAt!: string;

  @ApiPropertyOptional({ enum: COMPLAINT_SUBJECTS, default: 'course' })
  @IsOptional()
  @IsIn(COMPLAINT_SUBJECTS)
  subject?: ComplaintSubject;

  @ApiPropertyOptional({ description: 'VLI-6.2 (required for VLI): the day of the incident complained about' })
  @IsOptional()
  @IsLocalDate()
  incidentOn?: string;

  @ApiPropertyOptional({ description: 'PP-16.5 (required for PlusPort): the (last) day of the course' })
  @IsOptional()
  @IsLocalDate()
  courseEndedOn?: string;
}

export class AnswerComplaintDto extends CommandDto {
  @ApiProperty({ description: 'Business time of the answer (PP-16.5) or acknowledgement (VLI-6.2)' })
  @IsInstant()
  answeredAt!: string;
}

export class DeclareWellFoundedDto extends CommandDto {
  @ApiProperty({ description: 'VLI-6.2: business time the complaint was declared well-founded' })
  @IsInstant()
  declaredAt!: string;
}

export class CloseComplaintDto extends CommandDto {
  @ApiProperty({ description: 'Business time the complaint was settled; EXC-12 charging resumes the day after' })
  @IsInstant()
  closedAt!: string;

  @ApiProperty({ enum: COMPLAINT_OUTCOMES })
  @IsIn(COMPLAINT_OUTCOMES)
  outcome!: ComplaintOutcome;
}

/** Complaints per page: up to 500 (default 100); the next page is `nextCursor`. */
export class ComplaintsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

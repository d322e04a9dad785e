import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/roles';
import { IsInstant } from '../http/validators';
import { DunningProcess } from './dunning.process';
import { Doc, objectOf } from '../http/openapi';

export class DunningRunDto {
  @ApiProperty({
    description: 'Business time up to which due reminders are sent',
    example: '2026-11-01T00:00:00+01:00',
  })
  @IsInstant()
  until!: string;
}

@ApiTags('finance')
@Controller('dunning')
export class DunningController {
  constructor(private readonly dunning: DunningProcess) {}

  /** Sends every first reminder due by `until` (automated dunning); running it again sends nothing twice. */
  @Doc({
    summary: 'Run dunning',
    description:
      "Sends every first payment reminder due by `until` (business time) as an ordinary SendPaymentReminder through the command path, decided by the invoice\\'s rulebook (EXC-11, LOI-6.2-3, statutory 14 days); idempotent per invoice. Answers the outcome per invoice (sent, already-sent, refused).",
    errors: [400, 503],
    response: { type: 'array', items: objectOf('invoiceId, sentAt, outcome, error') },
  })
  @Post('runs')
  @HttpCode(200)
  @AdminOnly()
  async run(@Body() body: DunningRunDto) {
    return { until: body.until, reminders: await this.dunning.runUntil(body.until) };
  }
}

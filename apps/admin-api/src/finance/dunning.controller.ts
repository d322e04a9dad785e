import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/roles';
import { IsInstant } from '../http/validators';
import { DunningProcess } from './dunning.process';

export class DunningRunDto {
  @ApiProperty({
    description: 'Business time up to which due reminders are sent',
    example: '2026-11-01T00:00:00+01:00',
  })
  @IsInstant()
  until!: string;
}

@ApiTags('finance')
@ApiBearerAuth()
@Controller('dunning')
export class DunningController {
  constructor(private readonly dunning: DunningProcess) {}

  /** Sends every first reminder due by `until` (automated dunning); running it again sends nothing twice. */
  @Post('runs')
  @HttpCode(200)
  @AdminOnly()
  async run(@Body() body: DunningRunDto) {
    return { until: body.until, reminders: await this.dunning.runUntil(body.until) };
  }
}

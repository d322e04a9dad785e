import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@ledger/application';
import { CommandRoles } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { CLOCK } from '../tokens';
import { ParticipantCommands, pathId, type ParticipantCommandResponse } from './licence-commands';
import { LicenceReads } from './licence-reads';
import { MarkNotToRenewDto, RevokeLicenceDto, TransferLicenceDto } from './licences.dto';

/**
 * Commands addressed to a licence by its id alone. Licences live in their participant's stream
 * (the tier counts them there); the licence-state projection is the directory that says which
 * participant owns a licence id. Licence ids are therefore unique across participants.
 */
@ApiTags('licences')
@ApiBearerAuth()
@Controller('licences')
export class LicencesController {
  constructor(
    private readonly commands: ParticipantCommands,
    private readonly reads: LicenceReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** SPOT-6.2 / 6.3: access revoked at once; no refund, unpaid fees stay due. */
  @Post(':licenceId/revocations')
  @HttpCode(201)
  @CommandRoles()
  async revoke(
    @Param('licenceId') id: string,
    @Body() body: RevokeLicenceDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const participantId = await this.reads.participantOfLicence(licenceId);
    return this.commands.run(request, 'RevokeLicence', { ...body, licenceId } as RevokeLicenceDto, body.at, {
      type: 'RevokeLicence',
      participantId,
      licenceId,
      at: body.at,
      reason: body.reason,
    });
  }

  /** SPOT-3.5: licences are personal; every transfer is refused with 422. */
  @Post(':licenceId/transfers')
  @HttpCode(201)
  @CommandRoles()
  async transfer(
    @Param('licenceId') id: string,
    @Body() body: TransferLicenceDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const participantId = await this.reads.participantOfLicence(licenceId);
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    return this.commands.run(request, 'TransferLicence', { ...body, licenceId } as TransferLicenceDto, requestedAt, {
      type: 'TransferLicence',
      participantId,
      licenceId,
      toLearnerId: body.toLearnerId ?? body.learnerId ?? '(not named)',
      requestedAt,
    });
  }

  /** SPOT-I1: the licence expires at the end of its term instead of renewing. */
  @Post(':licenceId/not-to-renew')
  @HttpCode(201)
  @CommandRoles()
  async markNotToRenew(
    @Param('licenceId') id: string,
    @Body() body: MarkNotToRenewDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const participantId = await this.reads.participantOfLicence(licenceId);
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    return this.commands.run(
      request,
      'MarkLicenceNotToRenew',
      { ...body, licenceId } as MarkNotToRenewDto,
      requestedAt,
      {
        type: 'MarkLicenceNotToRenew',
        participantId,
        licenceId,
        requestedAt,
      },
    );
  }
}

import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MarkLicenceNotToRenew, RevokeLicence, TransferLicence, type Clock } from '@ledger/application';
import { CommandRoles } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { CLOCK } from '../tokens';
import { ParticipantCommands, pathId, type ParticipantCommandResponse } from './licence-commands';
import { MarkNotToRenewDto, RevokeLicenceDto, TransferLicenceDto } from './licences.dto';
import { COMMAND_ERRORS, Doc, ParticipantCommandResponseSchema } from '../http/openapi';

/**
 * Commands addressed to a licence by its id alone. Licences live in their participant's stream
 * (the tier counts them there); the command's handler finds the participant in the licence
 * directory (the licence-state projection). Licence ids are therefore unique across participants.
 */
@ApiTags('licences')
@Controller('licences')
export class LicencesController {
  constructor(
    private readonly commands: ParticipantCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** SPOT-6.2 / 6.3: access revoked at once; no refund, unpaid fees stay due. */
  @Doc({
    summary: 'Revoke a licence',
    description:
      "SPOT-6.2 / 6.3: the learner's access is revoked at once for the reason given; no refund, unpaid fees stay due. Appends LicenceRevoked.",
    errors: [
      ...COMMAND_ERRORS,
      404,
      { status: 422, error: 'REVOCATION_REASON_INVALID', ruleId: 'SPOT-6.2', message: 'Not a reason SPOT-6.2 allows' },
    ],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':licenceId/revocations')
  @HttpCode(201)
  @CommandRoles()
  revoke(
    @Param('licenceId') id: string,
    @Body() body: RevokeLicenceDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const payload = { licenceId, at: body.at, reason: body.reason };
    return this.commands.send(RevokeLicence.command, payload, request, { ...body, licenceId }, body.at);
  }

  /** SPOT-3.5: licences are personal; every transfer is refused with 422. */
  @Doc({
    summary: 'Transfer a licence (refused)',
    description: 'SPOT-3.5: licences are personal; every transfer is refused with 422 and nothing is appended.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'LICENCE_NOT_TRANSFERABLE',
        ruleId: 'SPOT-3.5',
        message: 'Licences are personal and cannot be transferred',
      },
    ],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':licenceId/transfers')
  @HttpCode(201)
  @CommandRoles()
  transfer(
    @Param('licenceId') id: string,
    @Body() body: TransferLicenceDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    const payload = { licenceId, toLearnerId: body.toLearnerId ?? body.learnerId ?? '(not named)', requestedAt };
    return this.commands.send(TransferLicence.command, payload, request, { ...body, licenceId }, requestedAt);
  }

  /** SPOT-I1: the licence expires at the end of its term instead of renewing. */
  @Doc({
    summary: 'Do not renew a licence',
    description:
      'SPOT-I1: the licence expires at the end of its term instead of renewing on its anniversary. Appends LicenceMarkedNotToRenew.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':licenceId/not-to-renew')
  @HttpCode(201)
  @CommandRoles()
  markNotToRenew(
    @Param('licenceId') id: string,
    @Body() body: MarkNotToRenewDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const licenceId = pathId(id, 'licenceId');
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    return this.commands.send(
      MarkLicenceNotToRenew.command,
      { licenceId, requestedAt },
      request,
      { ...body, licenceId },
      requestedAt,
    );
  }
}

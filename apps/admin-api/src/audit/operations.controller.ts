import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Storage } from '@ledger/application';
import { RebuildInProgressError, UnknownProjectionError, type ProjectionHost } from '@ledger/read-store';
import { AdminOnly, AuditRoles } from '../auth/roles';
import { WholeLogChecks } from '../operations/whole-log-checks';
import { PROJECTION_RUNNER, STORAGE } from '../tokens';
import { verifyChain } from './chain-audit';
import { verifyProjections } from './projection-admin';
import { Doc, objectOf, WHOLE_LOG_CHECK_RUNNING } from '../http/openapi';

const PROJECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const PROJECTION_NAME_MESSAGE = '$property must be a projection name (letters, digits, _ or -; at most 64)';

export class ProjectionParams {
  @ApiProperty({ example: 'decision_log' })
  @Matches(PROJECTION_NAME, { message: PROJECTION_NAME_MESSAGE })
  name!: string;
}

export class RebuildDto {
  @ApiPropertyOptional({
    default: true,
    description: 'false: answer 202 at once and rebuild in the background (watch GET /admin/projections)',
  })
  @IsOptional()
  @IsBoolean()
  wait?: boolean;
}

export class VerifyProjectionsDto {
  @ApiPropertyOptional({ type: [String], description: 'Projections to verify; default all', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(PROJECTION_NAME, { each: true, message: PROJECTION_NAME_MESSAGE })
  names?: string[];
}

/** Operators and auditors: projection rebuild/verify and the tamper-evidence chain. */
@ApiTags('operations')
@Controller()
export class OperationsController {
  private readonly logger = new Logger('ProjectionAdmin');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionHost,
    @Inject(STORAGE) private readonly storage: Storage,
    private readonly wholeLogChecks: WholeLogChecks,
  ) {}

  /**
   * Blue/green rebuild: the new slot is built beside the live one, which keeps answering queries,
   * and replaces it once it has caught up.
   */
  @Doc({
    summary: 'Rebuild a projection',
    description:
      'Blue/green rebuild: the new slot is built from the log beside the live one, which keeps answering queries, and replaces it once it has caught up. Appends nothing to the log.',
    errors: [400, 404],
    response: objectOf('The projection rebuilt, its position and duration'),
  })
  @Post('admin/projections/:name/rebuild')
  @HttpCode(200)
  @AdminOnly()
  async rebuild(
    @Param() params: ProjectionParams,
    @Body() body: RebuildDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.assertKnown(params.name);
    if (body.wait === false) {
      const started = this.runner.rebuild(params.name);
      // Refusals that happen at once (already rebuilding) still reach the caller.
      const early = await Promise.race([
        started.then(
          () => undefined,
          (error: unknown) => error,
        ),
        new Promise((resolve) => setTimeout(resolve, 0, undefined)),
      ]);
      if (early !== undefined) throw mapProjectionError(early);
      started.catch((error: unknown) => this.logger.error(`Rebuild of ${params.name} failed: ${String(error)}`));
      void reply.status(202);
      return {
        name: params.name,
        accepted: true,
        status: (await this.runner.status()).find((status) => status.name === params.name),
      };
    }
    try {
      return await this.runner.rebuild(params.name);
    } catch (error) {
      throw mapProjectionError(error);
    }
  }

  /** Rebuilds from zero into a scratch store and compares a hash per projection with the live one. */
  @Doc({
    summary: 'Verify projections',
    description:
      'Rebuilds from zero into a scratch store and compares a hash per projection with the live one. One whole-log check runs at a time (409 WHOLE_LOG_CHECK_RUNNING otherwise). Appends nothing.',
    errors: [400, WHOLE_LOG_CHECK_RUNNING],
    response: objectOf('Per projection: live and rebuilt hash, and whether they match'),
  })
  @Post('admin/projections/verify')
  @HttpCode(200)
  @AuditRoles()
  async verify(@Body() body: VerifyProjectionsDto) {
    for (const name of body.names ?? []) this.assertKnown(name);
    return this.wholeLogChecks.runAlone('POST /admin/projections/verify', () =>
      verifyProjections(this.runner, body.names ? { names: body.names } : {}),
    );
  }

  /** Recomputes the hash chain of the embedded log; names the first event that does not match. */
  @Doc({
    summary: 'Verify the hash chain',
    description:
      'Recomputes the hash chain of the embedded log and checks its head against the anchor kept outside the log (truncation is detected); names the first event that does not match. Appends nothing.',
    errors: [WHOLE_LOG_CHECK_RUNNING],
    response: objectOf('ok, events checked, head, and the first mismatch if any'),
  })
  @Post('admin/chain/verify')
  @HttpCode(200)
  @AuditRoles()
  async verifyChainPost() {
    return this.chain('POST /admin/chain/verify');
  }

  @Doc({
    summary: 'Verify the hash chain (GET)',
    description: 'As POST /admin/chain/verify, for auditors reading with GET. Appends nothing.',
    errors: [WHOLE_LOG_CHECK_RUNNING],
    response: objectOf('ok, events checked, head, and the first mismatch if any'),
  })
  @Get('audit/chain')
  @AuditRoles()
  async verifyChainGet() {
    return this.chain('GET /audit/chain');
  }

  private async chain(check: string) {
    const report = await this.wholeLogChecks.runAlone(check, () => verifyChain(this.storage));
    // Not available is not "ok": 501 says the engine cannot do it, with the report as body.
    if (!report.available) throw new HttpException({ error: 'CHAIN_NOT_AVAILABLE', ...report }, 501);
    return report;
  }

  private assertKnown(name: string): void {
    if (!this.runner.definitions().some((definition) => definition.name === name)) {
      throw new NotFoundException({ error: 'PROJECTION_NOT_FOUND', message: `No projection named ${name}` });
    }
  }
}

function mapProjectionError(error: unknown): unknown {
  if (error instanceof UnknownProjectionError)
    return new NotFoundException({ error: 'PROJECTION_NOT_FOUND', message: error.message });
  if (error instanceof RebuildInProgressError)
    return new HttpException({ error: error.code, message: error.message }, 409);
  return error;
}

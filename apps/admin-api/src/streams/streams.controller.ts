import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Storage } from '@ledger/application';
import type { RecordedEvent } from '@ledger/event-store';
import { IdentityService } from '../auth/identity.service';
import { AuditRoles, mayReadUserNames } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { QueryInt } from '../http/validators';
import { STORAGE } from '../tokens';
import { Doc, objectOf } from '../http/openapi';

export class StreamEventsQuery {
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1000 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** The auditor's view of a stream: every event with its envelope, in order (business and record time). */
@ApiTags('audit')
@Controller('streams')
export class StreamsController {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(IdentityService) private readonly identity: IdentityService,
  ) {}

  @Doc({
    summary: "Read a stream's events",
    description:
      'Every event of a stream with its metadata (business and record time, actor, command id), in order, from a revision on. Personal data of erased subjects reads "[erased]". Appends nothing.',
    errors: [400, 404],
    response: objectOf('streamId and events with metadata'),
  })
  @Get(':streamId/events')
  @AuditRoles()
  async events(@Param('streamId') streamId: string, @Query() query: StreamEventsQuery, @Req() request: LedgerRequest) {
    if (streamId.length > 200) throw new NotFoundException({ error: 'STREAM_NOT_FOUND', message: 'No such stream' });
    const limit = query.limit ?? 1000;
    const events = await this.storage.eventStore.readStream(streamId, {
      fromRevision: query.fromRevision ?? 0,
      maxCount: limit,
    });
    if (events.length === 0 && (query.fromRevision ?? 0) === 0) {
      throw new NotFoundException({ error: 'STREAM_NOT_FOUND', message: `Stream ${streamId} has no events` });
    }
    const last = events[events.length - 1];
    const actorView = this.identity.actorViews(mayReadUserNames(request.principal));
    return {
      streamId,
      // Each actor with the user's display name as of that event, where the reader may see names.
      events: await Promise.all(
        events.map(async (event) => ({
          ...toAuditView(event),
          actor: await actorView(event.metadata.actor, event.position),
        })),
      ),
      nextRevision: events.length === limit && last ? last.revision + 1 : null,
    };
  }
}

export function toAuditView(event: RecordedEvent) {
  const { commandId, correlationId, causationId, actor, occurredAt, schemaVersion, rulebook, ruleIds } = event.metadata;
  return {
    eventId: event.id,
    type: event.type,
    revision: event.revision,
    position: event.position,
    occurredAt: occurredAt ?? null,
    recordedAt: event.recordedAt,
    actor: actor ?? null,
    commandId: commandId ?? null,
    correlationId: correlationId ?? null,
    causationId: causationId ?? null,
    schemaVersion: schemaVersion ?? 1,
    rulebook: rulebook ?? null,
    ruleIds: ruleIds ?? [],
    data: event.data,
  };
}

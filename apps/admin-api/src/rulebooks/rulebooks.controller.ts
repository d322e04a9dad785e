import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RulebookRegistry } from '@ledger/regulations';
import { Roles } from '../auth/roles';
import { RULEBOOKS } from '../tokens';
import { Doc, objectOf } from '../http/openapi';

@ApiTags('reference data')
@Controller('rulebooks')
export class RulebooksController {
  constructor(@Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry) {}

  /** Every rulebook and its versions, oldest first (docs/api.md "Reference data"). */
  @Doc({
    summary: 'List rulebooks',
    description: 'Every rulebook and its versions with the dates they take effect, oldest first. Appends nothing.',
    errors: [400],
    response: { type: 'array', items: objectOf('A rulebook: id and versions [{ version, effectiveFrom }]') },
  })
  @Get()
  @Roles('backoffice', 'finance', 'auditor')
  list() {
    return this.rulebooks.ids().map((id) => ({
      id,
      versions: this.rulebooks
        .versions(id)
        .map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, vatRateBasisPoints: v.vatRateBasisPoints })),
    }));
  }
}

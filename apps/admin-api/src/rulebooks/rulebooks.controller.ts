import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RulebookRegistry } from '@ledger/regulations';
import { Roles } from '../auth/roles';
import { RULEBOOKS } from '../tokens';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('rulebooks')
export class RulebooksController {
  constructor(@Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry) {}

  /** Every rulebook and its versions, oldest first (docs/api.md "Reference data"). */
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

import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Storage } from '@ledger/application';
import { Public } from '../auth/roles';
import { STORAGE } from '../tokens';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  /** Liveness and storage readiness; no auth, no data. */
  @Get()
  @Public()
  async health() {
    try {
      await Promise.all([this.storage.eventStore.ping(), this.storage.readStore.ping()]);
    } catch {
      throw new ServiceUnavailableException({ error: 'STORAGE_UNAVAILABLE', message: 'Storage is not ready' });
    }
    return { status: 'ok', storage: this.storage.engines };
  }
}

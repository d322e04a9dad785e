import { Module } from '@nestjs/common';

/** Auditors' endpoints: decisions, verification, projection administration (api.md "Audit"). */
@Module({ controllers: [], providers: [] })
export class AuditModule {}

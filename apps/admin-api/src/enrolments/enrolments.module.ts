import { Module } from '@nestjs/common';

/** Offerings and enrolments (api.md "Reference data", "Enrolments"). */
@Module({ controllers: [], providers: [] })
export class EnrolmentsModule {}

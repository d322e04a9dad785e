import { Module } from '@nestjs/common';
import { EnrolmentsController } from './enrolments.controller';
import { OfferingsController } from './offerings.controller';

/** Offerings and enrolments (docs/api.md "Reference data", "Enrolments"). */
@Module({ controllers: [OfferingsController, EnrolmentsController], providers: [] })
export class EnrolmentsModule {}

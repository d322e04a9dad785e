import { Module } from '@nestjs/common';

/** SPOT LMS participants and licences (api.md "Licences"). */
@Module({ controllers: [], providers: [] })
export class LicencesModule {}

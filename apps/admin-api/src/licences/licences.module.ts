import { Module } from '@nestjs/common';
import { LicenceReads } from './licence-reads';
import { ParticipantCommands } from './licence-commands';
import { LicencesController } from './licences.controller';
import { ParticipantsController } from './participants.controller';

/** SPOT LMS participants and licences (docs/api.md "Licences"). */
@Module({ controllers: [ParticipantsController, LicencesController], providers: [ParticipantCommands, LicenceReads] })
export class LicencesModule {}

import { Module } from '@nestjs/common';
import { FinanceController } from './finance.controllers';

/** Finance reads and money commands (api.md "Finance"). */
@Module({ controllers: [FinanceController], providers: [] })
export class FinanceModule {}

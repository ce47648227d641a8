import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AdminUsersController } from './admin-users.controller.js';
import { PassportService } from './passport.setup.js';

@Module({
  imports: [NotificationsModule],
  controllers: [AccountsController, AdminUsersController],
  providers: [AccountsService, PassportService],
  exports: [AccountsService, PassportService],
})
export class AccountsModule {}

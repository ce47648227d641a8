import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { validateForm } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import { AccountError } from './accounts.errors.js';
import { AccountsService } from './accounts.service.js';
import { ChangeRoleDto } from './dto/account.dto.js';
import { ROLES } from './entities/user.entity.js';

const PER_PAGE = 50;

@Controller('admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  async list(@Query('page') pageParam: string | undefined, @CurrentUser() me: SessionUser, @Res() res: Response) {
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const [users, total] = await this.accounts.listUsers(page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    return res.render('admin/users', {
      title: 'Users and roles',
      users: users.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        branch: u.branch,
        passoutYear: u.passoutYear,
        rollNumber: u.rollNumber,
        verified: u.emailVerifiedAt !== null,
        isMe: u.id === me.id,
      })),
      roles: ROLES,
      total,
      page,
      pages,
      prev: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
    });
  }

  @Post(':id/role')
  async changeRole(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, unknown>, @CurrentUser() me: SessionUser, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(ChangeRoleDto, body);
    if (!form.ok) {
      flash(req, 'error', form.errors.role ?? 'Invalid role.');
      return res.redirect(HttpStatus.SEE_OTHER, '/admin/users');
    }
    try {
      const user = await this.accounts.changeRole(me.id, id, form.value.role);
      flash(req, 'success', `${user.displayName} is now ${user.role}.`);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      flash(req, 'error', error.message);
    }
    return res.redirect(HttpStatus.SEE_OTHER, '/admin/users');
  }
}

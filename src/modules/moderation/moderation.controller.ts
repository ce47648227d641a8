import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Open, Roles, SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { keepTyped, validateForm } from '../../common/forms/validate-form.js';
import { clientIp, flash } from '../../common/http/flash.js';
import { RateLimitService, type RateLimitRule } from '../../common/rate-limit/rate-limit.service.js';
import { AuditService } from './audit.service.js';
import { FlagDto, RejectDto, ResolveDto, TakedownDto } from './dto/moderation.dto.js';
import { ModerationService } from './moderation.service.js';

type Body = Record<string, unknown>;
const TAKEDOWN_LIMIT: RateLimitRule = { name: 'takedown', limit: 5, windowMs: 60 * 60_000 };
const FLAG_LIMIT: RateLimitRule = { name: 'flag', limit: 20, windowMs: 60 * 60_000 };

interface RetryForm {
  title: string;
  action: string;
  field: string;
  label: string;
  maxlength: number;
  value: unknown;
  error: string | undefined;
  button: string;
  back: string;
  hidden?: Record<string, unknown>;
}

/** A short one-field form that failed validation: shown again with the text kept and the error beside it. */
function retry(res: Response, form: RetryForm) {
  const value = typeof form.value === 'string' ? form.value : '';
  return res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('moderation/retry-form', { ...form, value, errors: form.error ? { [form.field]: form.error } : {} });
}

@Controller()
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
  ) {}

  @Get('moderation')
  @Roles('officer', 'admin')
  @Render('moderation/index')
  async queue(@CurrentUser() user: SessionUser) {
    return { title: 'Moderation', ...(await this.moderation.queue(user)) };
  }

  @Post('moderation/experiences/:id/approve')
  @Roles('officer', 'admin')
  async approve(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    await this.moderation.decide(user, id, 'approve', null);
    flash(req, 'success', 'Approved and published.');
    return res.redirect(HttpStatus.SEE_OTHER, '/moderation');
  }

  @Post('moderation/experiences/:id/reject')
  @Roles('officer', 'admin')
  async reject(@Param('id', ParseIntPipe) id: number, @Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(RejectDto, body);
    if (!form.ok) {
      return retry(res, {
        title: 'Reject this experience',
        action: `/moderation/experiences/${id}/reject`,
        field: 'reason',
        label: 'Reason for rejecting (the author sees it)',
        maxlength: 500,
        value: body.reason,
        error: form.errors.reason,
        button: 'Reject',
        back: `/moderation#experience-${id}`,
      });
    }
    await this.moderation.decide(user, id, 'reject', form.value.reason);
    flash(req, 'success', 'Rejected; the author sees your reason.');
    return res.redirect(HttpStatus.SEE_OTHER, '/moderation');
  }

  @Post('moderation/flags/:id/:outcome')
  @Roles('officer', 'admin')
  async closeFlag(@Param('id', ParseIntPipe) id: number, @Param('outcome') outcome: string, @Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    if (outcome !== 'dismiss' && outcome !== 'remove') return res.redirect(HttpStatus.SEE_OTHER, '/moderation');
    const form = await validateForm(ResolveDto, body);
    if (!form.ok) {
      return retry(res, {
        title: outcome === 'remove' ? 'Take the post down' : 'Dismiss the report',
        action: `/moderation/flags/${id}/${outcome}`,
        field: 'note',
        label: 'Note (optional)',
        maxlength: 500,
        value: body.note,
        error: form.errors.note,
        button: outcome === 'remove' ? 'Take down' : 'Dismiss',
        back: '/moderation',
      });
    }
    await this.moderation.closeFlag(user, id, outcome, form.value.note ?? null);
    flash(req, 'success', outcome === 'remove' ? 'The post was taken down and the report closed.' : 'The report was dismissed.');
    return res.redirect(HttpStatus.SEE_OTHER, '/moderation');
  }

  @Get('moderation/audit')
  @Roles('admin')
  @Render('moderation/audit')
  async auditLog(@Query('page') pageParam?: string) {
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const result = await this.audit.page(page);
    return { title: 'Audit log', ...result, page, prev: page > 1 ? page - 1 : null, next: page < result.pages ? page + 1 : null };
  }

  @Post('flags')
  @SignedIn()
  async flag(@Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(FlagDto, body);
    const back = typeof req.get('referer') === 'string' && req.get('referer')!.startsWith(`${req.protocol}://${req.get('host')}/`) ? new URL(req.get('referer')!).pathname : '/';
    if (!form.ok) {
      return retry(res, {
        title: 'Report this post',
        action: '/flags',
        hidden: { targetType: body.targetType, targetId: body.targetId },
        field: 'reason',
        label: 'What is wrong with it?',
        maxlength: 1000,
        value: body.reason,
        error: form.errors.reason ?? Object.values(form.errors)[0],
        button: 'Send to moderators',
        back,
      });
    }
    if ((await this.limits.hit(FLAG_LIMIT, String(user.id))) > 0) {
      flash(req, 'error', 'You have sent many reports in the last hour; please try again later.');
      return res.redirect(HttpStatus.SEE_OTHER, back);
    }
    await this.moderation.flag(user, form.value.targetType, form.value.targetId, form.value.reason);
    flash(req, 'success', 'Thank you — a moderator will look at it.');
    return res.redirect(HttpStatus.SEE_OTHER, back);
  }

  @Get('takedown')
  @Open()
  @Render('moderation/takedown')
  takedownForm(@Query('type') type?: string, @Query('id') id?: string) {
    const path = type === 'experience' && id && /^\d+$/.test(id) ? `/experiences/${id}` : '';
    return { title: 'Request a takedown', values: { url: path } };
  }

  @Post('takedown')
  @Open()
  async takedown(@Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const show = (status: number, errors: Record<string, string>) => res.status(status).render('moderation/takedown', { title: 'Request a takedown', values: keepTyped(body), errors });
    const form = await validateForm(TakedownDto, body);
    if (!form.ok) return show(HttpStatus.UNPROCESSABLE_ENTITY, form.errors);
    if ((await this.limits.hit(TAKEDOWN_LIMIT, clientIp(req))) > 0) return show(HttpStatus.TOO_MANY_REQUESTS, { form: 'Too many requests from your network; please try again in an hour.' });
    if (!(await this.moderation.takedown(form.value))) return show(HttpStatus.UNPROCESSABLE_ENTITY, { url: 'That address is not a post on this site. Paste the link of the experience or forum thread.' });
    return res.status(HttpStatus.OK).render('moderation/takedown', { title: 'Request a takedown', sent: true });
  }
}

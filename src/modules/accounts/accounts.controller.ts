import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Open, SignedIn } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { SessionUser } from '../../common/auth/access.js';
import { keepTyped, validateForm } from '../../common/forms/validate-form.js';
import { clientIp, flash, safeNext } from '../../common/http/flash.js';
import { LOGIN_IP_LIMIT, LOGIN_LIMIT, RESET_LIMIT, RateLimitService, SIGNUP_LIMIT } from '../../common/rate-limit/rate-limit.service.js';
import { AccountError } from './accounts.errors.js';
import { AccountsService, toSessionUser } from './accounts.service.js';
import { ENGLISH_DIALECTS, ForgotPasswordDto, LoginDto, ProfileFields, RegisterDto, ResetPasswordDto } from './dto/account.dto.js';
import { logIn, logOut, PassportService } from './passport.setup.js';
import { isChecked } from '../../common/forms/checkbox.js';

/** The English spellings members can choose for the grammar check, for the profile form. */
const DIALECT_OPTIONS = Object.entries(ENGLISH_DIALECTS).map(([value, label]) => ({ value, label }));

type Body = Record<string, unknown>;

@Controller()
@Open()
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limits: RateLimitService,
    private readonly passport: PassportService,
  ) {}

  @Get('register')
  @Render('accounts/register')
  registerForm() {
    return { title: 'Create your account', values: {} };
  }

  @Post('register')
  async register(@Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const show = (status: number, errors: Record<string, string>) =>
      res.status(status).render('accounts/register', { title: 'Create your account', values: keepTyped(body), errors });
    const wait = await this.limits.hit(SIGNUP_LIMIT, clientIp(req));
    if (wait > 0) return show(HttpStatus.TOO_MANY_REQUESTS, { form: `Too many sign-ups from your network. Try again in ${Math.ceil(wait / 60)} minutes.` });
    const form = await validateForm(RegisterDto, body);
    if (!form.ok) return show(HttpStatus.UNPROCESSABLE_ENTITY, form.errors);
    try {
      const user = await this.accounts.register(form.value);
      await logIn(req, toSessionUser(user));
      flash(req, 'success', `Welcome, ${user.displayName}! We sent a confirmation link to ${user.email}.`);
      return res.redirect(303, '/me');
    } catch (error) {
      if (error instanceof AccountError) return show(HttpStatus.UNPROCESSABLE_ENTITY, { [error.field ?? 'form']: error.message });
      throw error;
    }
  }

  @Get('login')
  @Render('accounts/login')
  loginForm(@Query('next') next?: string) {
    return { title: 'Sign in', values: {}, next: safeNext(next, '') };
  }

  @Post('login')
  async login(@Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const next = safeNext(body.next);
    const show = (status: number, errors: Record<string, string>) =>
      res.status(status).render('accounts/login', { title: 'Sign in', values: keepTyped(body), next, errors });
    const form = await validateForm(LoginDto, body);
    if (!form.ok) return show(HttpStatus.UNPROCESSABLE_ENTITY, form.errors);
    const waits = await Promise.all([
      this.limits.hit(LOGIN_IP_LIMIT, clientIp(req)),
      this.limits.hit(LOGIN_LIMIT, `email:${form.value.email}`),
    ]);
    const wait = Math.max(...waits);
    if (wait > 0) return show(HttpStatus.TOO_MANY_REQUESTS, { form: `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minutes, or reset your password.` });
    const user = await this.passport.authenticateLocal(req);
    if (!user) return show(HttpStatus.UNAUTHORIZED, { form: 'That e-mail and password do not match an account.' });
    await this.limits.reset(LOGIN_LIMIT, `email:${form.value.email}`);
    await logIn(req, user);
    flash(req, 'success', `Signed in as ${user.displayName}.`);
    return res.redirect(303, next);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    await logOut(req);
    await new Promise<void>((resolve) => req.session.regenerate(() => resolve()));
    flash(req, 'info', 'You have signed out.');
    return res.redirect(303, '/');
  }

  @Get('verify-email')
  async verifyEmail(@Query('token') token: string | undefined, @Req() req: Request, @Res() res: Response) {
    try {
      const user = await this.accounts.verifyEmail(String(token ?? ''));
      flash(req, 'success', `Thanks, ${user.email} is confirmed.`);
      return res.redirect(303, req.user ? '/me' : '/login');
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return res.status(HttpStatus.BAD_REQUEST).render('errors/error', { title: 'Link not valid', status: 400, message: error.message });
    }
  }

  @Post('verify-email/resend')
  @SignedIn()
  async resendVerification(@CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const account = await this.accounts.findById(user.id);
    if (account && !account.emailVerifiedAt) {
      await this.accounts.sendVerification(account);
      flash(req, 'success', `We sent a new confirmation link to ${account.email}.`);
    }
    return res.redirect(303, '/me');
  }

  @Get('forgot-password')
  @Render('accounts/forgot-password')
  forgotForm() {
    return { title: 'Reset your password', values: {} };
  }

  @Post('forgot-password')
  async forgot(@Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(ForgotPasswordDto, body);
    if (!form.ok) {
      return res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('accounts/forgot-password', { title: 'Reset your password', values: keepTyped(body), errors: form.errors });
    }
    const wait = await this.limits.hit(RESET_LIMIT, `ip:${clientIp(req)}`);
    if (wait === 0) await this.accounts.requestPasswordReset(form.value.email);
    return res.status(HttpStatus.OK).render('accounts/forgot-password', { title: 'Reset your password', sent: true, email: form.value.email });
  }

  @Get('reset-password')
  async resetForm(@Query('token') token: string | undefined, @Res() res: Response) {
    const usable = typeof token === 'string' && (await this.accounts.isResetTokenUsable(token));
    return res.status(usable ? 200 : 400).render('accounts/reset-password', { title: 'Choose a new password', token, usable });
  }

  @Post('reset-password')
  async reset(@Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(ResetPasswordDto, body);
    const show = (errors: Record<string, string>) =>
      res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('accounts/reset-password', { title: 'Choose a new password', token: body.token, usable: true, errors });
    if (!form.ok) return show(form.errors);
    try {
      const user = await this.accounts.resetPassword(form.value.token, form.value.password);
      flash(req, 'success', `Your password was changed, ${user.displayName}. Please sign in.`);
      return res.redirect(303, '/login');
    } catch (error) {
      if (error instanceof AccountError) return show({ form: error.message });
      throw error;
    }
  }

  @Get('me')
  @SignedIn()
  async profile(@CurrentUser() current: SessionUser, @Res() res: Response) {
    const user = await this.accounts.findById(current.id);
    return res.render('accounts/me', { title: 'Your profile', account: user, values: user, expressionAnalysisAvailable: this.accounts.expressionAnalysisAvailable, dialects: DIALECT_OPTIONS });
  }

  @Post('me')
  @SignedIn()
  async updateProfile(@CurrentUser() current: SessionUser, @Body() body: Body, @Req() req: Request, @Res() res: Response) {
    const form = await validateForm(ProfileFields, body);
    if (!form.ok) {
      const account = await this.accounts.findById(current.id);
      return res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('accounts/me', {
        title: 'Your profile',
        account,
        values: { ...keepTyped(body), expressionAnalysis: isChecked(body.expressionAnalysis) },
        errors: form.errors,
        expressionAnalysisAvailable: this.accounts.expressionAnalysisAvailable,
        dialects: DIALECT_OPTIONS,
      });
    }
    await this.accounts.updateProfile(current.id, form.value);
    flash(req, 'success', 'Your profile was saved.');
    return res.redirect(303, '/me');
  }
}

import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { keepTyped, validateForm, type FieldErrors } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import { ANSWER_MAX, ANSWER_MIN, AnswerForm, DEFAULT_QUESTIONS, MAX_QUESTIONS, MIN_QUESTIONS, NewPracticeForm } from './dto/practice.dto.js';
import { PracticeError, PracticeService, practiceUrl, scopeLabel } from './practice.service.js';

type FormBody = Record<string, unknown>;
const IdPipe = new ParseIntPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
/** How often the report page checks whether scoring has finished. */
const REPORT_POLL_SECONDS = 3;

/** Practice sessions are private: every route needs a signed-in member and shows only their own sessions. */
@Controller('practice')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Get()
  @SignedIn()
  async index(@CurrentUser() user: SessionUser, @Query('page') pageParam: string | undefined, @Res() res: Response) {
    const page = Math.max(1, Math.min(10_000, Number.parseInt(pageParam ?? '1', 10) || 1));
    const list = await this.practice.list(user, page);
    // Oldest first: progress reads left to right. Bars are 24 wide on a 32 pitch, 0–100 high above the axis at y = 110.
    const scored = list.items.filter((s) => s.overallScore !== null).reverse();
    const chart =
      scored.length > 1
        ? {
            width: scored.length * 32 + 8,
            bars: scored.map((s, i) => ({ score: s.overallScore!, createdAt: s.createdAt, x: 8 + i * 32, y: 110 - s.overallScore!, labelX: 20 + i * 32, labelY: 106 - s.overallScore! })),
          }
        : null;
    return res.render('practice/index', {
      title: 'Practice',
      ...list,
      chart,
      base: '/practice?',
      prev: list.page > 1 ? list.page - 1 : null,
      next: list.page < list.pages ? list.page + 1 : null,
    });
  }

  @Get('new')
  @SignedIn()
  async newForm(@Query('company') company: string | undefined, @Res() res: Response) {
    return this.renderNew(res, HttpStatus.OK, { values: { company: company ?? '', topic: '', count: DEFAULT_QUESTIONS } });
  }

  @Post()
  @SignedIn()
  async create(@CurrentUser() user: SessionUser, @Body() body: FormBody, @Res() res: Response) {
    const form = await validateForm(NewPracticeForm, body);
    if (!form.ok) return this.renderNew(res, HttpStatus.UNPROCESSABLE_ENTITY, { values: keepTyped(body), errors: form.errors });
    try {
      const session = await this.practice.create(user, form.value);
      return res.redirect(HttpStatus.SEE_OTHER, practiceUrl(session.id));
    } catch (error) {
      if (!(error instanceof PracticeError)) throw error;
      return this.renderNew(res, error.getStatus(), { values: keepTyped(body), errors: { [error.field]: error.message } });
    }
  }

  @Get(':id')
  @SignedIn()
  async room(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Res() res: Response) {
    return this.renderRoom(res, HttpStatus.OK, user, id, {});
  }

  @Post(':id/answers/:position')
  @SignedIn()
  async answer(
    @CurrentUser() user: SessionUser,
    @Param('id', IdPipe) id: number,
    @Param('position', IdPipe) position: number,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const form = await validateForm(AnswerForm, body);
    if (!form.ok) return this.renderRoom(res, HttpStatus.UNPROCESSABLE_ENTITY, user, id, { values: keepTyped(body), errors: form.errors });
    try {
      const { done } = await this.practice.answer(user, id, position, form.value.answer);
      if (done) {
        flash(req, 'success', 'All questions answered. Your report appears here as each answer is scored.');
        return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report`);
      }
      return res.redirect(HttpStatus.SEE_OTHER, practiceUrl(id));
    } catch (error) {
      if (!(error instanceof PracticeError)) throw error;
      flash(req, 'info', error.message);
      return res.redirect(HttpStatus.SEE_OTHER, practiceUrl(id));
    }
  }

  @Get(':id/report')
  @SignedIn()
  async report(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Res() res: Response) {
    const session = await this.practice.session(user, id);
    const answers = this.practice.reports(session.answers);
    const scoring = answers.filter((a) => a.state === 'queued').length;
    const open = answers.filter((a) => a.state === 'open').length;
    return res.render('practice/report', {
      title: `Practice report, ${scopeLabel(session)}`,
      session: { id, url: practiceUrl(id), scope: scopeLabel(session), createdAt: session.createdAt, overallScore: session.overallScore },
      answers,
      scoring,
      scored: answers.length - scoring - open,
      open,
      failed: answers.some((a) => a.state === 'failed'),
      total: answers.length,
      ...(scoring > 0 && { refreshSeconds: REPORT_POLL_SECONDS, scripts: ['/js/practice-report.js'] }),
    });
  }

  /** Polled by the report page while answers are being scored. */
  @Get(':id/status')
  @SignedIn()
  async status(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    const session = await this.practice.session(user, id);
    return { scoring: session.answers.filter((a) => a.state === 'queued').length, scored: session.answers.filter((a) => a.state === 'scored').length };
  }

  @Post(':id/retry')
  @SignedIn()
  async retry(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.practice.session(user, id);
    const count = await this.practice.retryFailed(id);
    flash(req, 'info', count ? `Scoring ${count} answer${count === 1 ? '' : 's'} again.` : 'No answer needed scoring again.');
    return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report`);
  }

  private async renderNew(res: Response, status: number, model: { values: Record<string, unknown>; errors?: FieldErrors }) {
    return res.status(status).render('practice/new', {
      title: 'New practice session',
      ...(await this.practice.formOptions()),
      ...model,
      limits: { min: MIN_QUESTIONS, max: MAX_QUESTIONS },
    });
  }

  private async renderRoom(res: Response, status: number, user: SessionUser, id: number, model: { values?: Record<string, unknown>; errors?: FieldErrors }) {
    const session = await this.practice.session(user, id);
    const current = session.answers.find((a) => a.state === 'open');
    if (!current) return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report`);
    return res.status(status).render('practice/room', {
      title: `Question ${current.position} of ${session.answers.length}`,
      session: { id, scope: scopeLabel(session), reportUrl: `${practiceUrl(id)}/report` },
      question: { position: current.position, text: current.questionText, action: `${practiceUrl(id)}/answers/${current.position}` },
      total: session.answers.length,
      answered: session.answers.filter((a) => a.state !== 'open').length,
      limits: { min: ANSWER_MIN, max: ANSWER_MAX },
      values: model.values ?? {},
      errors: model.errors,
    });
  }
}

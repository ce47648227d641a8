import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles, SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { keepTyped, validateForm, type FieldErrors } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import { RateLimitService } from '../../common/rate-limit/rate-limit.service.js';
import { CompaniesService } from './companies.service.js';
import { companyProfile } from './company-view.js';
import { AnswerFaqDto, ANSWER_MAX, ProposeFaqDto, QUESTION_MAX, QUESTION_MIN } from './dto/faq.dto.js';
import type { Company } from './entities/company.entity.js';
import type { Faq } from './entities/faq.entity.js';
import { FAQ_PROPOSE_LIMIT, FaqsService } from './faqs.service.js';

type Body = Record<string, unknown>;

const limits = { questionMin: QUESTION_MIN, questionMax: QUESTION_MAX, answerMax: ANSWER_MAX };

/** The FAQ archive's writes. Forms post here from the company page; errors show on a page of their own. */
@Controller('companies/:slug/faq')
export class FaqsController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly faqs: FaqsService,
    private readonly limiter: RateLimitService,
  ) {}

  /** The archive lives on the company page; this address only exists because forms post to it. */
  @Get()
  async archive(@Param('slug') slug: string, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    return res.redirect(HttpStatus.MOVED_PERMANENTLY, `/companies/${company.slug}#faq`);
  }

  @Get('new')
  @SignedIn()
  async proposeForm(@Param('slug') slug: string, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    return this.showProposeForm(res, HttpStatus.OK, company, {}, {});
  }

  @Post()
  @SignedIn()
  async propose(@Param('slug') slug: string, @Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    const form = await validateForm(ProposeFaqDto, body);
    if (!form.ok) return this.showProposeForm(res, HttpStatus.UNPROCESSABLE_ENTITY, company, keepTyped(body), form.errors);
    const wait = await this.limiter.hit(FAQ_PROPOSE_LIMIT, `user:${user.id}`);
    if (wait > 0) {
      return this.showProposeForm(res, HttpStatus.TOO_MANY_REQUESTS, company, keepTyped(body), {
        question: `You have proposed a lot of questions in the last hour. Please try again in ${Math.ceil(wait / 60)} minutes; your text is kept below.`,
      });
    }
    const { duplicate } = await this.faqs.propose(company.id, user.id, form.value.question);
    flash(
      req,
      duplicate ? 'info' : 'success',
      duplicate
        ? 'You have already asked this question; it is waiting for an answer.'
        : 'Thanks! Your question was sent to the placement officers. It appears in the FAQ once they answer it.',
    );
    return res.redirect(HttpStatus.SEE_OTHER, `/companies/${company.slug}#faq`);
  }

  @Get(':id/answer')
  @Roles('officer', 'admin')
  async answerForm(@Param('slug') slug: string, @Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    const faq = await this.faqs.find(company.id, id);
    return this.showAnswerForm(res, HttpStatus.OK, company, faq, { question: faq.question, answer: faq.answer ?? '' }, {});
  }

  @Post(':id/answer')
  @Roles('officer', 'admin')
  async answer(
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: Body,
    @CurrentUser() officer: SessionUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const company = await this.companies.getBySlug(slug);
    const faq = await this.faqs.find(company.id, id);
    const form = await validateForm(AnswerFaqDto, body);
    if (!form.ok) return this.showAnswerForm(res, HttpStatus.UNPROCESSABLE_ENTITY, company, faq, { question: faq.question, ...keepTyped(body) }, form.errors);
    const wasAnswered = faq.status === 'answered';
    await this.faqs.answer(company.id, faq.id, officer, form.value);
    flash(req, 'success', wasAnswered ? 'The answer was updated.' : 'The answer is published in the FAQ.');
    return res.redirect(HttpStatus.SEE_OTHER, `/companies/${company.slug}#faq-${faq.id}`);
  }

  @Post(':id/hide')
  @Roles('officer', 'admin')
  async hide(@Param('slug') slug: string, @Param('id', ParseIntPipe) id: number, @CurrentUser() officer: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.setHidden(slug, id, officer, true, req, res);
  }

  @Post(':id/show')
  @Roles('officer', 'admin')
  async show(@Param('slug') slug: string, @Param('id', ParseIntPipe) id: number, @CurrentUser() officer: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.setHidden(slug, id, officer, false, req, res);
  }

  private async setHidden(slug: string, id: number, officer: SessionUser, hidden: boolean, req: Request, res: Response) {
    const company = await this.companies.getBySlug(slug);
    const faq = await this.faqs.setHidden(company.id, id, officer, hidden);
    flash(req, 'success', hidden ? 'The question is hidden from students.' : faq.status === 'answered' ? 'The question is back in the FAQ.' : 'The question is back in the queue of open questions.');
    return res.redirect(HttpStatus.SEE_OTHER, `/companies/${company.slug}#faq-${faq.id}`);
  }

  private showProposeForm(res: Response, status: number, company: Company, values: Record<string, unknown>, errors: FieldErrors) {
    return res.status(status).render('companies/faq-new', {
      title: `Ask about ${company.name}`,
      company: companyProfile(company),
      values,
      errors: Object.keys(errors).length ? errors : null,
      limits,
    });
  }

  private showAnswerForm(res: Response, status: number, company: Company, faq: Faq, values: Record<string, unknown>, errors: FieldErrors) {
    return res.status(status).render('companies/faq-answer', {
      title: `Answer: ${faq.question}`,
      company: companyProfile(company),
      faq: { id: faq.id, question: faq.question, status: faq.status },
      values,
      errors: Object.keys(errors).length ? errors : null,
      limits,
    });
  }
}

import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { validateForm } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import { renderMarkdown } from '../../common/markdown/markdown.js';
import { CompanyError } from '../companies/companies.errors.js';
import { ExperienceForm } from './dto/experience-form.dto.js';
import { APPLICATION_SOURCES, OUTCOMES } from './entities/experience.entity.js';
import { ROUND_KINDS, roundKindLabel } from './entities/round.entity.js';
import { forValidation, readForm, roundErrors, valuesFromExperience, withRoundBlocks, type ExperienceValues } from './experience-form.js';
import { authorLabel, canSeeAuthor } from './experience-view.js';
import { ExperiencesService } from './experiences.service.js';

type Body = Record<string, unknown>;

function int(value: unknown): number | undefined {
  const n = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) ? n : undefined;
}

@Controller('experiences')
export class ExperiencesController {
  constructor(private readonly experiences: ExperiencesService) {}

  @Get()
  @Render('experiences/index')
  async index(@Query() query: Record<string, string>, @CurrentUser() viewer: SessionUser | null) {
    const filters = {
      company: query.company || undefined,
      role: query.role || undefined,
      year: int(query.year),
      passoutYear: int(query.passoutYear),
      outcome: OUTCOMES.find((o) => o === query.outcome),
      roundKind: ROUND_KINDS.find((k) => k === query.roundKind),
      sort: query.sort === 'helpful' ? ('helpful' as const) : ('newest' as const),
      page: Math.max(1, int(query.page) ?? 1),
    };
    const [result, options] = await Promise.all([this.experiences.list(filters, viewer), this.experiences.filterOptions()]);
    const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== 'page' && v) as Array<[string, string]>);
    return {
      title: 'Interview experiences',
      ...result,
      filters,
      options,
      outcomes: OUTCOMES,
      roundKinds: ROUND_KINDS.map((k) => ({ value: k, label: roundKindLabel(k) })),
      base: `/experiences?${params.toString()}${params.size ? '&' : ''}`,
      prev: result.page > 1 ? result.page - 1 : null,
      next: result.page < result.pages ? result.page + 1 : null,
    };
  }

  @Get('new')
  @SignedIn()
  async newForm(@CurrentUser() user: SessionUser, @Res() res: Response) {
    const draft = await this.experiences.loadDraft(user.id, null);
    const values = draft?.values ?? { ...readForm({}), ...(await this.experiences.profileDefaults(user.id)) };
    return this.renderForm(res, HttpStatus.OK, { values, errors: {}, draftSavedAt: draft?.savedAt ?? null, action: '/experiences', experienceId: null, user });
  }

  @Post()
  @SignedIn()
  async create(@Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.submit(body, user, null, req, res);
  }

  /** Autosave from the form script: stores what was typed, valid or not. */
  @Post('draft')
  @SignedIn()
  async autosave(@Body() body: Body, @CurrentUser() user: SessionUser, @Res() res: Response) {
    const experienceId = int(body.experienceId) ?? null;
    if (experienceId !== null) await this.experiences.getEditable(experienceId, user);
    const savedAt = await this.experiences.saveDraft(user.id, experienceId, readForm(body));
    return res.status(HttpStatus.OK).json({ savedAt });
  }

  @Post('draft/discard')
  @SignedIn()
  async discard(@Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const experienceId = int(body.experienceId) ?? null;
    await this.experiences.discardDraft(user.id, experienceId);
    flash(req, 'info', 'The draft was discarded.');
    return res.redirect(HttpStatus.SEE_OTHER, experienceId ? `/experiences/${experienceId}/edit` : '/experiences/new');
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @CurrentUser() viewer: SessionUser | null, @Res() res: Response) {
    const e = await this.experiences.getVisible(id, viewer);
    const own = viewer?.id === e.authorId;
    const staff = viewer?.role === 'officer' || viewer?.role === 'admin';
    return res.render('experiences/show', {
      title: `${e.company!.name} — ${e.role} (${e.interviewYear})`,
      experience: {
        id: e.id,
        company: e.company!.name,
        companySlug: e.company!.slug,
        role: e.role,
        roleDescription: e.roleDescription,
        year: e.interviewYear,
        passoutYear: e.passoutYear,
        // With company, year and outcome, a branch can narrow an anonymous post down to a handful of
        // classmates; the batch year alone is shared by the whole year group (and is a list filter).
        branch: canSeeAuthor(viewer, e) ? e.branch : null,
        source: e.source,
        outcome: e.outcome,
        difficulty: e.difficulty,
        offerDetails: e.offerDetails,
        status: e.status,
        rejectionReason: own || staff ? e.rejectionReason : null,
        helpful: e.helpfulCount,
        author: authorLabel(viewer, e, e.author!.displayName),
        linkedinUrl: e.anonymous ? null : e.linkedinUrl,
        // Private fields only for the author and staff.
        rollNumber: own || staff ? e.rollNumber : null,
        authorEmail: staff && canSeeAuthor(viewer, e) ? e.author!.email : null,
        bodyHtml: renderMarkdown(e.body),
        tipsHtml: e.tips ? renderMarkdown(e.tips) : null,
        publishedAt: e.publishedAt,
        rounds: (e.rounds ?? []).map((r, i) => ({
          number: i + 1,
          kind: roundKindLabel(r.kind),
          title: r.title,
          durationMinutes: r.durationMinutes,
          notesHtml: r.notes ? renderMarkdown(r.notes) : null,
          questions: r.questionsText.split('\n').map((q) => q.trim()).filter(Boolean),
        })),
      },
      canEdit: own || staff,
      canVote: viewer !== null && !own && e.status === 'published',
      voted: viewer ? await this.experiences.hasVoted(viewer.id, e.id) : false,
      signedIn: viewer !== null,
    });
  }

  @Get(':id/edit')
  @SignedIn()
  async editForm(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser, @Res() res: Response) {
    const e = await this.experiences.getEditable(id, user);
    const draft = await this.experiences.loadDraft(user.id, id);
    const values = draft?.values ?? valuesFromExperience(e, e.company!.name, e.rounds ?? []);
    return this.renderForm(res, HttpStatus.OK, { values, errors: {}, draftSavedAt: draft?.savedAt ?? null, action: `/experiences/${id}`, experienceId: id, user, status: e.status });
  }

  @Post(':id')
  @SignedIn()
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: Body, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    await this.experiences.getEditable(id, user);
    return this.submit(body, user, id, req, res);
  }

  @Post(':id/delete')
  @SignedIn()
  async remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    await this.experiences.remove(user, id);
    flash(req, 'success', 'The experience was deleted.');
    return res.redirect(HttpStatus.SEE_OTHER, '/experiences');
  }

  @Post(':id/helpful')
  @SignedIn()
  async helpful(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const result = await this.experiences.toggleHelpful(user, id);
    if (req.accepts(['html', 'json']) === 'json') return res.json(result);
    return res.redirect(HttpStatus.SEE_OTHER, `/experiences/${id}#helpful`);
  }

  /** One handler for the form's three buttons: submit, save draft, add a round. */
  private async submit(body: Body, user: SessionUser, experienceId: number | null, req: Request, res: Response) {
    const values = readForm(body);
    const action = typeof body.action === 'string' ? body.action : 'submit';
    const formAction = experienceId ? `/experiences/${experienceId}` : '/experiences';
    if (action === 'add-round') {
      await this.experiences.saveDraft(user.id, experienceId, values);
      return this.renderForm(res, HttpStatus.OK, { values: withRoundBlocks(values, 1), errors: {}, draftSavedAt: new Date(), action: formAction, experienceId, user, focusLastRound: true });
    }
    if (action === 'save-draft') {
      await this.experiences.saveDraft(user.id, experienceId, values);
      flash(req, 'success', 'Draft saved. It will be here when you come back.');
      return res.redirect(HttpStatus.SEE_OTHER, experienceId ? `/experiences/${experienceId}/edit` : '/experiences/new');
    }
    const form = await validateForm(ExperienceForm, forValidation(values));
    if (!form.ok) {
      // Keep what was typed on the server too, so even a closed tab loses nothing.
      await this.experiences.saveDraft(user.id, experienceId, values);
      return this.renderForm(res, HttpStatus.UNPROCESSABLE_ENTITY, { values, errors: form.errors, draftSavedAt: new Date(), action: formAction, experienceId, user });
    }
    let saved;
    try {
      saved = experienceId ? await this.experiences.update(user, experienceId, form.value) : await this.experiences.create(user, form.value);
    } catch (error) {
      if (!(error instanceof CompanyError)) throw error;
      return this.renderForm(res, HttpStatus.UNPROCESSABLE_ENTITY, { values, errors: { companyName: error.message }, draftSavedAt: null, action: formAction, experienceId, user });
    }
    flash(
      req,
      'success',
      saved.status === 'published'
        ? experienceId
          ? 'Your changes are published.'
          : 'Thank you! Your experience is published.'
        : 'Thank you! A moderator will review your experience before it is published; you can still edit it meanwhile.',
    );
    return res.redirect(HttpStatus.SEE_OTHER, `/experiences/${saved.id}`);
  }

  private async renderForm(
    res: Response,
    status: number,
    model: { values: ExperienceValues; errors: Record<string, string>; draftSavedAt: Date | null; action: string; experienceId: number | null; user: SessionUser; status?: string; focusLastRound?: boolean },
  ) {
    const values = withRoundBlocks(model.values);
    const perRound = roundErrors(values, model.errors);
    const topErrors = Object.entries(model.errors)
      .filter(([key]) => !/^rounds\.\d+\./.test(key))
      .reduce<Record<string, string>>((acc, [k, v]) => ({ ...acc, [k]: v }), {});
    const allMessages = [...Object.values(topErrors), ...perRound.flatMap((e, i) => Object.values(e).map((m) => `Round ${i + 1}: ${m}`))];
    return res.status(status).render('experiences/form', {
      title: model.experienceId ? 'Edit your experience' : 'Share an interview experience',
      values,
      errors: topErrors,
      errorList: allMessages,
      rounds: values.rounds.map((round, index) => ({ index, number: index + 1, values: round, errors: perRound[index] ?? {}, last: index === values.rounds.length - 1 })),
      roundKinds: ROUND_KINDS.map((k) => ({ value: k, label: roundKindLabel(k) })),
      sources: APPLICATION_SOURCES,
      outcomes: OUTCOMES,
      difficulties: [1, 2, 3, 4, 5],
      companyNames: await this.experiences.companyNames(),
      draftSavedAt: model.draftSavedAt,
      action: model.action,
      experienceId: model.experienceId,
      status: model.status,
      needsVerification: !model.user.emailVerified,
      focusLastRound: model.focusLastRound ?? false,
      scripts: ['/js/experience-form.js'],
    });
  }
}

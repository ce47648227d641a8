import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles, SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { keepTyped, validateForm, type FieldErrors } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import { PostForm, ThreadForm, VoteForm } from './dto/forum.dto.js';
import { ForumError } from './forum.errors.js';
import { categoryUrl, ForumService, threadUrl } from './forum.service.js';

type FormBody = Record<string, unknown>;

/** Non-numeric ids are simply pages that do not exist. */
const IdPipe = new ParseIntPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const LAST_PAGE = Number.MAX_SAFE_INTEGER;

/** Posting needs a confirmed address, so throw-away sign-ups cannot flood the forum or stuff votes. */
function assertVerified(user: SessionUser): void {
  if (!user.emailVerified) throw new ForumError('forbidden', 'Please confirm your e-mail address before posting or voting in the forum (see your profile page).');
}

/** A form error from the service goes next to its field, or above the form. */
function formErrors(error: ForumError): FieldErrors {
  return { [error.field ?? 'form']: error.message };
}

@Controller('forum')
export class ForumController {
  constructor(private readonly forum: ForumService) {}

  @Get()
  async index(@Res() res: Response) {
    return res.render('forum/index', { title: 'Forum', categories: await this.forum.categories() });
  }

  // ---------------------------------------------------------------- threads

  @Get('new')
  @SignedIn()
  async newThread(@Query('category') category: string | undefined, @Query('company') company: string | undefined, @Res() res: Response) {
    return this.renderThreadForm(res, HttpStatus.OK, { values: { category: category ?? '', company: company ?? '' } });
  }

  @Post()
  @SignedIn()
  async create(@CurrentUser() user: SessionUser, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    assertVerified(user);
    const form = await validateForm(ThreadForm, body);
    if (!form.ok) return this.renderThreadForm(res, HttpStatus.UNPROCESSABLE_ENTITY, { values: keepTyped(body), errors: form.errors });
    try {
      const { url } = await this.forum.createThread(user, form.value);
      flash(req, 'success', 'Your thread is posted.');
      return res.redirect(HttpStatus.SEE_OTHER, url);
    } catch (error) {
      if (!(error instanceof ForumError) || error.code !== 'invalid') throw error;
      return this.renderThreadForm(res, error.getStatus(), { values: keepTyped(body), errors: formErrors(error) });
    }
  }

  @Get('t/:id')
  async thread(@Param('id', IdPipe) id: number, @Query('page') page: string | undefined, @Query('quote') quote: string | undefined, @CurrentUser() user: SessionUser | null, @Res() res: Response) {
    return this.renderThread(res, HttpStatus.OK, user, id, page, quote);
  }

  @Get('t/:id/edit')
  @SignedIn()
  async editThreadForm(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Res() res: Response) {
    const { thread, values } = await this.forum.threadForEdit(user, id);
    return this.renderThreadForm(res, HttpStatus.OK, { values, threadId: thread.id });
  }

  @Post('t/:id/edit')
  @SignedIn()
  async editThread(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    await this.forum.threadForEdit(user, id);
    const form = await validateForm(ThreadForm, body);
    if (!form.ok) return this.renderThreadForm(res, HttpStatus.UNPROCESSABLE_ENTITY, { values: keepTyped(body), errors: form.errors, threadId: id });
    try {
      const { url } = await this.forum.editThread(user, id, form.value);
      flash(req, 'success', 'Your changes are saved.');
      return res.redirect(HttpStatus.SEE_OTHER, url);
    } catch (error) {
      if (!(error instanceof ForumError) || error.code !== 'invalid') throw error;
      return this.renderThreadForm(res, error.getStatus(), { values: keepTyped(body), errors: formErrors(error), threadId: id });
    }
  }

  @Post('t/:id/delete')
  @SignedIn()
  async deleteThread(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const { categoryUrl: back } = await this.forum.deleteThread(user, id);
    flash(req, 'success', 'The thread was deleted.');
    return res.redirect(HttpStatus.SEE_OTHER, back);
  }

  @Post('t/:id/posts')
  @SignedIn()
  async reply(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    assertVerified(user);
    const form = await validateForm(PostForm, body);
    // Re-rendering with the submitted quote keeps the "Quoting …" note above the kept text.
    if (!form.ok) return this.renderThread(res, HttpStatus.UNPROCESSABLE_ENTITY, user, id, LAST_PAGE, body.quotedPostId, { values: keepTyped(body), errors: form.errors });
    try {
      const { url } = await this.forum.reply(user, id, form.value);
      flash(req, 'success', 'Your reply is posted.');
      return res.redirect(HttpStatus.SEE_OTHER, url);
    } catch (error) {
      if (!(error instanceof ForumError) || (error.code !== 'invalid' && error.code !== 'locked')) throw error;
      return this.renderThread(res, error.getStatus(), user, id, LAST_PAGE, body.quotedPostId, { values: keepTyped(body), errors: formErrors(error) });
    }
  }

  @Post('t/:id/accept/:postId')
  @SignedIn()
  async accept(@Param('id', IdPipe) id: number, @Param('postId', IdPipe) postId: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const { url } = await this.forum.accept(user, id, postId);
    flash(req, 'success', 'Marked as the accepted answer.');
    return res.redirect(HttpStatus.SEE_OTHER, url);
  }

  @Post('t/:id/unaccept')
  @SignedIn()
  async unaccept(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const { url } = await this.forum.accept(user, id, null);
    flash(req, 'info', 'The thread no longer has an accepted answer.');
    return res.redirect(HttpStatus.SEE_OTHER, url);
  }

  @Post('t/:id/pin')
  @Roles('officer', 'admin')
  pin(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.moderate(user, id, { pinned: true }, 'Pinned to the top of its category.', req, res);
  }

  @Post('t/:id/unpin')
  @Roles('officer', 'admin')
  unpin(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.moderate(user, id, { pinned: false }, 'Unpinned.', req, res);
  }

  @Post('t/:id/lock')
  @Roles('officer', 'admin')
  lock(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.moderate(user, id, { locked: true }, 'Locked: no new replies can be posted.', req, res);
  }

  @Post('t/:id/unlock')
  @Roles('officer', 'admin')
  unlock(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    return this.moderate(user, id, { locked: false }, 'Unlocked: replies are open again.', req, res);
  }

  // ---------------------------------------------------------------- posts and votes

  /** Permalink of a reply (used by moderation and notifications): sends the reader to its page and anchor. */
  @Get('posts/:id')
  async postPermalink(@Param('id', IdPipe) id: number, @Res() res: Response) {
    return res.redirect(HttpStatus.SEE_OTHER, await this.forum.permalink(id));
  }

  @Get('posts/:id/edit')
  @SignedIn()
  async editPostForm(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Res() res: Response) {
    const { post, thread } = await this.forum.postForEdit(user, id);
    return this.renderPostForm(res, HttpStatus.OK, { postId: post.id, thread: { title: thread.title, url: threadUrl(thread.id) }, values: { body: post.body } });
  }

  @Post('posts/:id/edit')
  @SignedIn()
  async editPost(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const { thread } = await this.forum.postForEdit(user, id);
    const form = await validateForm(PostForm, { body: body.body });
    if (!form.ok) {
      return this.renderPostForm(res, HttpStatus.UNPROCESSABLE_ENTITY, { postId: id, thread: { title: thread.title, url: threadUrl(thread.id) }, values: keepTyped(body), errors: form.errors });
    }
    const { url } = await this.forum.editPost(user, id, form.value.body);
    flash(req, 'success', 'Your changes are saved.');
    return res.redirect(HttpStatus.SEE_OTHER, url);
  }

  @Post('posts/:id/delete')
  @SignedIn()
  async deletePost(@Param('id', IdPipe) id: number, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response) {
    const { url } = await this.forum.deletePost(user, id);
    flash(req, 'success', 'The reply was deleted.');
    return res.redirect(HttpStatus.SEE_OTHER, url);
  }

  /** Small forms under each post; `forum.js` sends the same form with Accept: application/json. */
  @Post('vote')
  @SignedIn()
  async vote(@CurrentUser() user: SessionUser, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    assertVerified(user);
    const form = await validateForm(VoteForm, body);
    if (!form.ok) throw new ForumError('invalid', Object.values(form.errors)[0] ?? 'That vote was not understood.');
    const result = await this.forum.vote(user, form.value);
    if (req.accepts(['html', 'json']) === 'json') return res.json({ score: result.score, value: result.value });
    return res.redirect(HttpStatus.SEE_OTHER, result.url);
  }

  // ---------------------------------------------------------------- categories (last: `:category` matches any path segment)

  @Get(':category')
  async category(@Param('category') slug: string, @Query('company') company: string | undefined, @Query('page') page: string | undefined, @Res() res: Response) {
    const companyFilter = typeof company === 'string' && company !== '' ? company : undefined;
    const [list, companies] = await Promise.all([this.forum.threads({ category: slug, company: companyFilter, page }), this.forum.companyOptions()]);
    const base = `${categoryUrl(slug)}?${companyFilter ? `company=${encodeURIComponent(companyFilter)}&` : ''}`;
    return res.render('forum/category', {
      title: list.category!.name,
      ...list,
      companyFilter: companyFilter ?? '',
      companies,
      base,
      prev: list.page > 1 ? list.page - 1 : null,
      next: list.page < list.pages ? list.page + 1 : null,
    });
  }

  // ---------------------------------------------------------------- rendering

  private async moderate(user: SessionUser, id: number, change: { pinned?: boolean; locked?: boolean }, message: string, req: Request, res: Response) {
    const { url } = await this.forum.moderate(user, id, change);
    flash(req, 'success', message);
    return res.redirect(HttpStatus.SEE_OTHER, url);
  }

  private async renderThreadForm(res: Response, status: number, model: { values: Record<string, unknown>; errors?: FieldErrors; threadId?: number }) {
    const [categories, companies] = await Promise.all([this.forum.categoryOptions(), this.forum.companyOptions()]);
    const editing = model.threadId !== undefined;
    return res.status(status).render('forum/thread-form', {
      title: editing ? 'Edit thread' : 'Start a thread',
      action: editing ? `${threadUrl(model.threadId!)}/edit` : '/forum',
      cancel: editing ? threadUrl(model.threadId!) : typeof model.values.category === 'string' && model.values.category ? categoryUrl(model.values.category) : '/forum',
      editing,
      values: model.values,
      errors: model.errors,
      categories,
      companies,
    });
  }

  private renderPostForm(res: Response, status: number, model: { postId: number; thread: { title: string; url: string }; values: Record<string, unknown>; errors?: FieldErrors }) {
    return res.status(status).render('forum/edit-post', { title: 'Edit reply', ...model });
  }

  private async renderThread(
    res: Response,
    status: number,
    user: SessionUser | null,
    id: number,
    page: unknown,
    quote: unknown,
    reply?: { values: Record<string, unknown>; errors: FieldErrors },
  ) {
    const view = await this.forum.threadPage(user, id, page, quote);
    const values = reply?.values ?? (view.quote ? { body: view.quote.prefill, quotedPostId: view.quote.postId } : {});
    return res.status(status).render('forum/thread', {
      title: view.thread.title,
      ...view,
      reply: { values, errors: reply?.errors },
      base: `${view.thread.url}?`,
      prev: view.page > 1 ? view.page - 1 : null,
      next: view.page < view.pages ? view.page + 1 : null,
      replyPath: `${view.thread.url}?page=${view.pages}`,
      scripts: ['/js/forum.js'],
    });
  }
}

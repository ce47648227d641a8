import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { SignedIn, type SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { keepTyped, validateForm, type FieldErrors } from '../../common/forms/validate-form.js';
import { flash } from '../../common/http/flash.js';
import {
  ANSWER_MAX,
  ANSWER_MIN,
  AnswerForm,
  DEFAULT_QUESTIONS,
  DIFFICULTY_LEVELS,
  MAX_QUESTIONS,
  MIN_QUESTIONS,
  FRAME_MAX_BYTES,
  MAX_FRAMES,
  NewPracticeForm,
  RECORDING_MAX_BYTES,
  RECORDING_MAX_SECONDS,
  RECORDING_TYPES,
} from './dto/practice.dto.js';
import { DEFAULT_THINKING_SECONDS, THINKING_SECONDS, type PracticeSession } from './entities/practice-session.entity.js';
import { answerReport, componentAverages } from './practice-report.js';
import { REVIEW_BELOW } from './session-feedback.js';
import { isUnfinished, PracticeError, PracticeService, practiceUrl, scopeLabel, sharedReportPath } from './practice.service.js';
import type { PracticeAnswer } from './entities/practice-answer.entity.js';
import { isChecked } from '../../common/forms/checkbox.js';

type FormBody = Record<string, unknown>;
/** The parts of a multer file this controller reads (multer's own types are not a dependency). */
interface UploadedPart {
  buffer: Buffer;
  mimetype: string;
  size: number;
}
const IdPipe = new ParseIntPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
/** How often the report page checks whether scoring has finished. */
const REPORT_POLL_SECONDS = 3;
const thinkingLabel = (seconds: number) => (seconds === 0 ? 'None: I start recording myself' : seconds < 60 ? `${seconds} seconds` : `${seconds / 60} minute${seconds === 60 ? '' : 's'}`);

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

  /** Two of the member's sessions side by side: overall and per-component means. */
  @Get('compare')
  @SignedIn()
  async compare(@CurrentUser() user: SessionUser, @Query('a') a: string | undefined, @Query('b') b: string | undefined, @Res() res: Response) {
    const ids = [a, b].map((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null));
    const choices = await this.practice.scoredSessions(user);
    const picked = ids.every((id) => id !== null) ? await Promise.all(ids.map((id) => this.practice.session(user, id!))) : null;
    // A session older than the list (linked from elsewhere) is still shown as chosen.
    for (const s of picked ?? []) if (!choices.some((c) => c.id === s.id)) choices.push({ id: s.id, createdAt: s.createdAt, scope: scopeLabel(s), overallScore: s.overallScore });
    const sessions = picked?.map((s) => ({
      id: s.id,
      reportUrl: `${practiceUrl(s.id)}/report`,
      scope: scopeLabel(s),
      createdAt: s.createdAt,
      overallScore: s.overallScore,
      components: componentAverages(s.answers),
    }));
    const change = (x: number | null, y: number | null) => (x !== null && y !== null ? y - x : null);
    return res.render('practice/compare', {
      title: 'Compare practice sessions',
      choices,
      // By default the last two sessions, earlier first.
      values: { a: a ?? choices[1]?.id ?? '', b: b ?? choices[0]?.id ?? '' },
      sessions,
      rows: sessions && [
        { label: 'Overall', a: sessions[0]!.overallScore, b: sessions[1]!.overallScore, change: change(sessions[0]!.overallScore, sessions[1]!.overallScore) },
        ...sessions[0]!.components.map((c, i) => {
          const other = sessions[1]!.components[i]!;
          return { label: c.label, a: c.score, b: other.score, change: change(c.score, other.score) };
        }),
      ],
    });
  }

  @Get('new')
  @SignedIn()
  async newForm(@Query('company') company: string | undefined, @Res() res: Response) {
    return this.renderNew(res, HttpStatus.OK, { values: { company: company ?? '', role: '', topic: '', difficulty: 'any', count: DEFAULT_QUESTIONS, mode: 'text', thinking: DEFAULT_THINKING_SECONDS } });
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
    const model = await reportModel(this.practice, session, `${practiceUrl(id)}/answers`);
    return res.render('practice/report', {
      ...model,
      share: session.shareToken ? { url: this.practice.shareUrl(session.shareToken), recordings: session.shareRecordings } : null,
      scripts: model.scoring > 0 ? ['/js/practice-status.js', '/js/report.js'] : ['/js/report.js'],
      ...(model.scoring > 0 && { refreshSeconds: REPORT_POLL_SECONDS }),
    });
  }

  /** Creates the report's share link, or changes whether it plays the recordings. */
  @Post(':id/share')
  @SignedIn()
  async share(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const recordings = isChecked(body.recordings);
    await this.practice.share(user, id, recordings);
    flash(req, 'success', `Anyone with the link can now see this report${recordings ? ' and listen to its recordings' : ''}. Switch the link off here at any time.`);
    return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report#share-h`);
  }

  @Post(':id/share/stop')
  @SignedIn()
  async stopSharing(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.practice.stopSharing(user, id);
    flash(req, 'success', 'The link is switched off: it no longer opens this report.');
    return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report#share-h`);
  }

  /** Polled by the report and the room while answers are transcribed or scored. */
  @Get(':id/status')
  @SignedIn()
  async status(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number) {
    const session = await this.practice.session(user, id);
    const count = (state: string) => session.answers.filter((a) => a.state === state).length;
    return { transcribing: count('transcribing'), scoring: count('queued'), scored: count('scored') };
  }

  /**
   * A recorded answer from the room's script: multipart with `recording` (the audio) and, with
   * camera analysis on, `frames` (JPEGs, one per 500 ms), the CSRF token in X-CSRF-Token.
   * Answers JSON; the script retries until it gets a 2xx.
   */
  @Post(':id/answers/:position/recording')
  @SignedIn()
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'recording', maxCount: 1 },
        { name: 'frames', maxCount: MAX_FRAMES },
      ],
      // Frames are small; the per-file cap is the recording's, the total is bounded by the count.
      { limits: { fileSize: RECORDING_MAX_BYTES, files: MAX_FRAMES + 1, fields: 10, parts: MAX_FRAMES + 11 } },
    ),
  )
  async upload(
    @CurrentUser() user: SessionUser,
    @Param('id', IdPipe) id: number,
    @Param('position', IdPipe) position: number,
    @UploadedFiles() files: { recording?: UploadedPart[]; frames?: UploadedPart[] } | undefined,
  ) {
    const recording = files?.recording?.[0];
    if (!recording || recording.size === 0) throw new HttpException('The recording was empty. Please record your answer again.', HttpStatus.BAD_REQUEST);
    const type = recording.mimetype.split(';')[0]!.trim().toLowerCase();
    if (!Object.hasOwn(RECORDING_TYPES, type)) {
      throw new HttpException(`Recordings must be audio (${[...new Set(Object.values(RECORDING_TYPES))].join(', ')}); this was ${type || 'not labelled'}.`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    const frames = files?.frames ?? [];
    if (frames.some((f) => f.size > FRAME_MAX_BYTES)) throw new HttpException('A camera frame was too large.', HttpStatus.PAYLOAD_TOO_LARGE);
    await this.practice.saveRecording(user, id, position, { bytes: recording.buffer, type }, frames.map((f) => f.buffer));
    return { ok: true, next: practiceUrl(id) };
  }

  /** The member's own recording, for listening back; never cached by shared caches. */
  @Get(':id/answers/:position/recording')
  @SignedIn()
  async recording(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Param('position', IdPipe) position: number, @Res() res: Response) {
    return sendRecording(res, await this.practice.recordingPath(user, id, position));
  }

  @Post(':id/retry')
  @SignedIn()
  async retry(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.practice.session(user, id);
    const count = await this.practice.retryFailed(id);
    flash(req, 'info', count ? `Scoring ${count} answer${count === 1 ? '' : 's'} again.` : 'No answer needed scoring again.');
    return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report`);
  }

  @Post(':id/delete')
  @SignedIn()
  async remove(@CurrentUser() user: SessionUser, @Param('id', IdPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.practice.delete(user, id);
    flash(req, 'success', 'The practice session and its recordings are deleted.');
    return res.redirect(HttpStatus.SEE_OTHER, '/practice');
  }

  private async renderNew(res: Response, status: number, model: { values: Record<string, unknown>; errors?: FieldErrors }) {
    return res.status(status).render('practice/new', {
      title: 'New practice session',
      ...(await this.practice.formOptions()),
      ...model,
      limits: { min: MIN_QUESTIONS, max: MAX_QUESTIONS },
      thinkingOptions: THINKING_SECONDS.map((seconds) => ({ value: seconds, label: thinkingLabel(seconds) })),
      difficultyLevels: Object.entries(DIFFICULTY_LEVELS).map(([value, { label }]) => ({ value, label })),
    });
  }

  private async renderRoom(res: Response, status: number, user: SessionUser, id: number, model: { values?: Record<string, unknown>; errors?: FieldErrors }) {
    const session = await this.practice.session(user, id);
    const current = session.answers.find(isUnfinished);
    if (!current) return res.redirect(HttpStatus.SEE_OTHER, `${practiceUrl(id)}/report`);
    const answerUrl = `${practiceUrl(id)}/answers/${current.position}`;
    const review = current.state === 'review';
    return res.status(status).render('practice/room', {
      title: `Question ${current.position} of ${session.answers.length}`,
      session: { id, scope: scopeLabel(session), reportUrl: `${practiceUrl(id)}/report`, statusUrl: `${practiceUrl(id)}/status` },
      question: { position: current.position, text: current.questionText, action: answerUrl, recordingUrl: `${answerUrl}/recording` },
      audio: session.mode === 'audio',
      camera: session.mode === 'audio' && (await this.practice.cameraAnalysis(user)),
      cameraAvailable: this.practice.cameraAvailable,
      state: current.state,
      review,
      transcribing: current.state === 'transcribing',
      lowConfidence: review && current.lowConfidence,
      recognitionError: review ? current.error : null,
      hasRecording: current.recordingFile !== null,
      // A re-take follows a first attempt at the same question: no second thinking time.
      thinkingSeconds: review ? 0 : session.thinkingSeconds,
      total: session.answers.length,
      answered: session.answers.filter((a) => !isUnfinished(a)).length,
      limits: { min: ANSWER_MIN, max: ANSWER_MAX, recordingSeconds: RECORDING_MAX_SECONDS, recordingBytes: RECORDING_MAX_BYTES },
      // A transcript to check is the starting text of the form; what the member typed wins after a rejected submit.
      values: model.values ?? (review ? { answer: current.answerText ?? '' } : {}),
      errors: model.errors,
      scripts: current.state === 'transcribing' ? ['/js/practice-status.js'] : session.mode === 'audio' ? ['/js/practice-room.js'] : [],
      ...(current.state === 'transcribing' && { refreshSeconds: REPORT_POLL_SECONDS }),
    });
  }
}

/**
 * What the report page shows, for its owner or for whoever holds its share link. Recordings play
 * from `recordingsBase/<position>/recording`, or not at all when it is null.
 */
export async function reportModel(practice: PracticeService, session: PracticeSession & { answers: PracticeAnswer[] }, recordingsBase: string | null) {
  const answers = session.answers.map(answerReport);
  const scoring = answers.filter((a) => a.state === 'queued').length;
  const open = session.answers.filter(isUnfinished).length;
  return {
    title: `Practice report, ${scopeLabel(session)}`,
    session: { id: session.id, url: practiceUrl(session.id), scope: scopeLabel(session), createdAt: session.createdAt, overallScore: session.overallScore, audio: session.mode === 'audio' },
    answers: answers.map((a, i) => ({ ...a, recordingUrl: recordingsBase && session.answers[i]!.recordingFile ? `${recordingsBase}/${a.position}/recording` : null })),
    scoring,
    scored: answers.length - scoring - open,
    open,
    failed: answers.some((a) => a.state === 'failed'),
    hasRecordings: session.answers.some((a) => a.recordingFile !== null),
    total: answers.length,
    feedback: await practice.feedback(session),
    reviewBelow: REVIEW_BELOW,
  };
}

/** Sends a recording file, or a 404 in JSON when it is gone; never cached by shared caches. */
function sendRecording(res: Response, file: string) {
  res.setHeader('Cache-Control', 'private, no-store');
  return res.sendFile(file, { dotfiles: 'deny' }, (error) => {
    if (error && !res.headersSent) res.status(HttpStatus.NOT_FOUND).json({ statusCode: 404, message: 'There is no recording of this answer.' });
  });
}

/**
 * A practice report opened through its owner's share link: read-only, for anyone with the link
 * (signed in or not). Not indexed, not cached, and the link is not passed on as a referrer.
 */
@Controller('shared/practice')
export class SharedReportController {
  constructor(private readonly practice: PracticeService) {}

  @Get(':token')
  async report(@Param('token') token: string, @Res() res: Response) {
    const session = await this.practice.sharedSession(token);
    const model = await reportModel(this.practice, session, session.shareRecordings ? `${sharedReportPath(token)}/answers` : null);
    sharedHeaders(res);
    return res.render('practice/report', { ...model, shared: { owner: session.ownerName }, noindex: true, scripts: ['/js/report.js'] });
  }

  @Get(':token/answers/:position/recording')
  async recording(@Param('token') token: string, @Param('position', IdPipe) position: number, @Res() res: Response) {
    const file = await this.practice.sharedRecordingPath(token, position);
    sharedHeaders(res);
    return sendRecording(res, file);
  }
}

function sharedHeaders(res: Response) {
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

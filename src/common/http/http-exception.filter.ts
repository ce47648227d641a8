import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInRequiredException } from '../auth/access.js';

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  413: 'That upload is too large',
  429: 'Too many attempts',
};

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || (!req.accepts('html') && Boolean(req.accepts('json')));
}

/** Friendly error pages for people, JSON for API clients; internals only in the log. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}`, exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;

    const message =
      status >= 500
        ? 'Something went wrong on our side. It has been logged; please try again in a moment.'
        : exception instanceof HttpException
          ? messageOf(exception)
          : 'Bad request';

    if (exception instanceof SignInRequiredException && req.method === 'GET' && !wantsJson(req)) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (wantsJson(req)) {
      res.status(status).json({ statusCode: status, error: TITLES[status] ?? 'Error', message });
      return;
    }
    const view = status === 404 ? 'errors/404' : status >= 500 ? 'errors/500' : 'errors/error';
    res.status(status).render(view, { title: TITLES[status] ?? 'Error', status, message });
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

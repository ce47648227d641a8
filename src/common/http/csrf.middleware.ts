import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpException, HttpStatus } from '@nestjs/common';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    flash?: Array<{ kind: 'success' | 'error' | 'info'; text: string }>;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfException extends HttpException {
  constructor() {
    super('This form has expired or did not come from this site. Please go back, reload the page and try again.', HttpStatus.FORBIDDEN);
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Synchroniser-token CSRF protection: a per-session token rendered into every form (as `_csrf`) or
 * sent as `X-CSRF-Token`; any unsafe request without it is refused.
 */
export function csrfMiddleware(req: Request, res: Response, next: NextFunction): void {
  // A function, not a value: Handlebars calls it only when a page really has a form, so merely
  // reading a page never creates a session (and a database write) for an anonymous visitor.
  res.locals.csrfToken = () => (req.session.csrfToken ??= randomBytes(24).toString('base64url'));
  if (SAFE.has(req.method)) return next();
  const expected = req.session.csrfToken;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.get('x-csrf-token');
  if (!expected || !sent || !same(expected, sent)) return next(new CsrfException());
  next();
}

import type { Request } from 'express';

/** A one-time message shown on the next page (after a redirect). */
export function flash(req: Request, kind: 'success' | 'error' | 'info', text: string): void {
  (req.session.flash ??= []).push({ kind, text });
}

/** Only same-site paths, so `?next=` cannot send people to another site. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

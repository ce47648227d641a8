import { HttpException, HttpStatus } from '@nestjs/common';

/** Why a forum action was refused; each maps to one HTTP status so pages and JSON agree. */
export type ForumErrorCode = 'not-found' | 'forbidden' | 'invalid' | 'locked';

const STATUS: Record<ForumErrorCode, number> = {
  'not-found': HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  locked: HttpStatus.CONFLICT,
};

/**
 * A refusal with a message written for the person who tried. It is an HttpException so that routes
 * which do not re-render a form can simply let it reach the global filter (error page or JSON);
 * form routes catch it and show `message` next to `field`.
 */
export class ForumError extends HttpException {
  constructor(
    readonly code: ForumErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message, STATUS[code]);
  }
}

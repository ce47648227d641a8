import { HttpException, HttpStatus } from '@nestjs/common';

/** A missing or invisible experience: 404 either way, so unpublished posts are not revealed. */
export class ExperienceNotFound extends HttpException {
  constructor() {
    super('That experience does not exist or is not visible to you.', HttpStatus.NOT_FOUND);
  }
}

export class EmailNotVerified extends HttpException {
  constructor() {
    super('Please confirm your e-mail address before sharing an experience (see your profile page).', HttpStatus.FORBIDDEN);
  }
}

import { Injectable } from '@nestjs/common';
import { Passport, type PassportStatic } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Request } from 'express';
import type { SessionUser } from '../../common/auth/access.js';
import { AccountsService, toSessionUser } from './accounts.service.js';

/**
 * One passport instance per application (not the global singleton), so several apps in one process
 * — as in the tests — never share strategies or serializers. Sessions store only the user id; each
 * request reloads the user so role changes apply at once.
 */
@Injectable()
export class PassportService {
  readonly passport: PassportStatic;

  constructor(accounts: AccountsService) {
    this.passport = new Passport() as unknown as PassportStatic;
    this.passport.use(
      new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
        accounts
          .authenticate(email, password)
          .then((user) => done(null, user ? toSessionUser(user) : false))
          .catch((error: unknown) => done(error));
      }),
    );
    this.passport.serializeUser((user, done) => done(null, (user as SessionUser).id));
    this.passport.deserializeUser((id: number, done) => {
      accounts
        .findById(id)
        .then((user) => done(null, user ? toSessionUser(user) : false))
        .catch((error: unknown) => done(error));
    });
  }

  /** passport.authenticate as a promise, so the controller decides how to answer. */
  authenticateLocal(req: Request): Promise<SessionUser | null> {
    return new Promise((resolve, reject) => {
      this.passport.authenticate('local', { session: false }, (error: unknown, user: SessionUser | false) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(user || null);
      })(req);
    });
  }
}

export function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (error: unknown) => (error ? reject(error as Error) : resolve())));
}

export function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.logOut((error: unknown) => (error ? reject(error as Error) : resolve())));
}

import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Role } from '../../modules/accounts/entities/user.entity.js';

/** What a request knows about its signed-in user; never includes private fields. */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  emailVerified: boolean;
}

const ROLES_KEY = 'access:roles';
const SIGNED_IN_KEY = 'access:signed-in';
const OPEN_KEY = 'access:open';

/** Only these roles may use the route (implies signed in). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Any signed-in user may use the route. */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);
/** Reachable even when PUBLIC_READ=false (sign-in pages, health checks, takedown requests). */
export const Open = () => SetMetadata(OPEN_KEY, true);

export class SignInRequiredException extends HttpException {
  constructor() {
    super('Please sign in to continue.', HttpStatus.UNAUTHORIZED);
  }
}

/** One global guard so no route can forget its access rule. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const signedIn = this.reflector.getAllAndOverride<boolean | undefined>(SIGNED_IN_KEY, targets);
    const open = this.reflector.getAllAndOverride<boolean | undefined>(OPEN_KEY, targets);
    const user = context.switchToHttp().getRequest<Request>().user as SessionUser | undefined;

    const needsUser = Boolean(roles?.length) || Boolean(signedIn) || (!this.config.publicRead && !open);
    if (needsUser && !user) throw new SignInRequiredException();
    if (roles?.length && user && !roles.includes(user.role)) {
      throw new ForbiddenException('Your account does not have access to this page.');
    }
    return true;
  }
}

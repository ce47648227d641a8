import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { SessionUser } from '../../common/auth/access.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MailService } from '../notifications/mail.service.js';
import { AccountError } from './accounts.errors.js';
import type { ProfileFields, RegisterDto } from './dto/account.dto.js';
import { AuthToken, type AuthTokenKind } from './entities/auth-token.entity.js';
import { User, type Role } from './entities/user.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';

const TOKEN_TTL_MS: Record<AuthTokenKind, number> = {
  'verify-email': 48 * 60 * 60_000,
  'reset-password': 60 * 60_000,
};

export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this deployment allows facial-expression analysis at all (EXPRESSION_ANALYSIS). */
  get expressionAnalysisAvailable(): boolean {
    return this.config.expressionAnalysis;
  }

  private get users() {
    return this.dataSource.getRepository(User);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  async register(input: RegisterDto): Promise<User> {
    const domain = input.email.split('@')[1] ?? '';
    if (this.config.allowedEmailDomains.length > 0 && !this.config.allowedEmailDomains.includes(domain)) {
      throw new AccountError(`Sign-up is limited to college addresses (${this.config.allowedEmailDomains.map((d) => '@' + d).join(', ')}).`, 'email');
    }
    if (await this.users.existsBy({ email: input.email })) {
      throw new AccountError('An account with this e-mail already exists. Sign in, or reset your password.', 'email');
    }
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).save(
        manager.getRepository(User).create({
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          role: 'student',
          branch: input.branch,
          passoutYear: input.passoutYear,
          rollNumber: input.rollNumber ?? null,
          linkedinUrl: input.linkedinUrl ?? null,
          emailVerifiedAt: null,
        }),
      );
      await this.sendVerification(user, manager);
      return user;
    });
  }

  /** Returns the user when the password matches; the same work is done when the e-mail is unknown. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    return user && ok ? user : null;
  }

  async sendVerification(user: User, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const token = await this.issueToken(user.id, 'verify-email', manager);
    const link = `${this.config.baseUrl}/verify-email?token=${token}`;
    await this.mail.queue(
      {
        to: user.email,
        subject: 'Confirm your e-mail for Interview Insights',
        text: `Hello ${user.displayName},\n\nPlease confirm your e-mail address by opening this link:\n\n${link}\n\nThe link works once and expires in 48 hours. If you did not sign up, ignore this message.\n`,
      },
      manager,
    );
  }

  async verifyEmail(token: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const userId = await this.consumeToken(token, 'verify-email', manager);
      if (userId === null) throw new AccountError('This confirmation link is invalid, already used or expired. Sign in and ask for a new one.');
      await manager.getRepository(User).update(userId, { emailVerifiedAt: new Date() });
      return manager.getRepository(User).findOneByOrFail({ id: userId });
    });
  }

  /** Always behaves the same whether or not the address has an account, so it cannot be used to probe. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findOneBy({ email });
    if (!user) {
      this.logger.log(`Password reset asked for an unknown address`);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const token = await this.issueToken(user.id, 'reset-password', manager);
      const link = `${this.config.baseUrl}/reset-password?token=${token}`;
      await this.mail.queue(
        {
          to: user.email,
          subject: 'Reset your Interview Insights password',
          text: `Hello ${user.displayName},\n\nSomeone (hopefully you) asked to reset your password. Choose a new one here:\n\n${link}\n\nThe link works once and expires in one hour. If you did not ask, ignore this message: your password stays as it is.\n`,
        },
        manager,
      );
    });
  }

  async isResetTokenUsable(token: string): Promise<boolean> {
    return this.dataSource.getRepository(AuthToken).existsBy({
      tokenHash: sha256(token),
      kind: 'reset-password',
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  async resetPassword(token: string, password: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const userId = await this.consumeToken(token, 'reset-password', manager);
      if (userId === null) throw new AccountError('This reset link is invalid, already used or expired. Ask for a new one.');
      // Following the link proves the address, too.
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      await manager.getRepository(User).update(userId, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() });
      return manager.getRepository(User).findOneByOrFail({ id: userId });
    });
  }

  async updateProfile(userId: number, input: ProfileFields): Promise<User> {
    await this.users.update(userId, {
      displayName: input.displayName,
      branch: input.branch,
      passoutYear: input.passoutYear,
      rollNumber: input.rollNumber ?? null,
      linkedinUrl: input.linkedinUrl ?? null,
      expressionAnalysis: input.expressionAnalysis && this.config.expressionAnalysis,
      englishDialect: input.englishDialect,
    });
    return this.users.findOneByOrFail({ id: userId });
  }

  listUsers(page: number, perPage = 50): Promise<[User[], number]> {
    return this.users.findAndCount({ order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * perPage, take: perPage });
  }

  async changeRole(actorId: number, userId: number, role: Role): Promise<User> {
    if (actorId === userId) throw new AccountError('You cannot change your own role; ask another admin.');
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new AccountError('No such user.');
    await this.users.update(userId, { role });
    this.logger.log(`User ${actorId} changed the role of user ${userId} from ${user.role} to ${role}`);
    return { ...user, role };
  }

  private async issueToken(userId: number, kind: AuthTokenKind, manager: EntityManager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.getRepository(AuthToken).insert({
      userId,
      kind,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[kind]),
      usedAt: null,
    });
    return token;
  }

  /** Marks the token used in the same statement that checks it, so it works exactly once. */
  private async consumeToken(token: string, kind: AuthTokenKind, manager: EntityManager): Promise<number | null> {
    const repo = manager.getRepository(AuthToken);
    const row = await repo.findOneBy({ tokenHash: sha256(token), kind });
    if (!row) return null;
    const result = await repo.update(
      { id: row.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { usedAt: new Date() },
    );
    return (result.affected ?? 0) === 1 ? row.userId : null;
  }
}

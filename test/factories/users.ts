import type { DataSource } from 'typeorm';
import { User, type Role } from '../../src/modules/accounts/entities/user.entity.js';
import { hashPassword } from '../../src/modules/accounts/password.js';

export const FACTORY_PASSWORD = 'correct horse battery';

let sequence = 0;
let cachedHash: Promise<string> | undefined;

export type UserVariant = Role | 'unverified';

/** Builds users by named variant: 'student', 'officer', 'admin', or 'unverified' (a student who has not confirmed). */
export async function createUser(dataSource: DataSource, variant: UserVariant = 'student', overrides: Partial<User> = {}): Promise<User> {
  sequence += 1;
  const role: Role = variant === 'unverified' ? 'student' : variant;
  return dataSource.getRepository(User).save({
    email: `${variant}${sequence}@college.test`,
    passwordHash: await (cachedHash ??= hashPassword(FACTORY_PASSWORD)),
    displayName: `${variant[0]!.toUpperCase()}${variant.slice(1)} ${sequence}`,
    role,
    branch: 'Computer Science',
    passoutYear: 2026,
    rollNumber: `CS-${1000 + sequence}`,
    linkedinUrl: null,
    emailVerifiedAt: variant === 'unverified' ? null : new Date(),
    ...overrides,
  });
}

import { CreateAccounts1764000000000 } from '../../migrations/1764000000000-CreateAccounts.js';
import { CreateContent1764000000001 } from '../../migrations/1764000000001-CreateContent.js';

/** Listed explicitly (not globbed) so the same list works from src/ under Vitest and from dist/. */
export const MIGRATIONS = [CreateAccounts1764000000000, CreateContent1764000000001];

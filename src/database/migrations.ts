import { CreateAccounts1764000000000 } from '../../migrations/1764000000000-CreateAccounts.js';
import { CreateContent1764000000001 } from '../../migrations/1764000000001-CreateContent.js';
import { CreateExperienceWorkflow1764000000002 } from '../../migrations/1764000000002-CreateExperienceWorkflow.js';
import { CreateQuestionBank1764000000003 } from '../../migrations/1764000000003-CreateQuestionBank.js';
import { ExtendCompanies1764000000004 } from '../../migrations/1764000000004-ExtendCompanies.js';
import { CreateForumVotes1764000000005 } from '../../migrations/1764000000005-CreateForumVotes.js';
import { CreatePractice1764000000006 } from '../../migrations/1764000000006-CreatePractice.js';
import { ExtendPractice1764000000007 } from '../../migrations/1764000000007-ExtendPractice.js';
import { SharePracticeReports1764000000008 } from '../../migrations/1764000000008-SharePracticeReports.js';
import { IndexCompanyStatistics1764000000009 } from '../../migrations/1764000000009-IndexCompanyStatistics.js';

/** Listed explicitly (not globbed) so the same list works from src/ under Vitest and from dist/. */
export const MIGRATIONS = [CreateAccounts1764000000000, CreateContent1764000000001, CreateExperienceWorkflow1764000000002, CreateQuestionBank1764000000003, ExtendCompanies1764000000004, CreateForumVotes1764000000005, CreatePractice1764000000006, ExtendPractice1764000000007, SharePracticeReports1764000000008, IndexCompanyStatistics1764000000009];

import { RateLimit } from '../common/rate-limit/entities/rate-limit.entity.js';
import { Setting } from '../common/settings/setting.entity.js';
import { AuthToken } from '../modules/accounts/entities/auth-token.entity.js';
import { SessionRecord } from '../modules/accounts/entities/session.entity.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { Company } from '../modules/companies/entities/company.entity.js';
import { Faq } from '../modules/companies/entities/faq.entity.js';
import { Experience } from '../modules/experiences/entities/experience.entity.js';
import { ExperienceDraft } from '../modules/experiences/entities/experience-draft.entity.js';
import { HelpfulVote } from '../modules/experiences/entities/helpful-vote.entity.js';
import { Round } from '../modules/experiences/entities/round.entity.js';
import { AuditLog } from '../modules/moderation/entities/audit-log.entity.js';
import { Flag } from '../modules/moderation/entities/flag.entity.js';
import { ForumCategory } from '../modules/forum/entities/forum-category.entity.js';
import { ForumPost } from '../modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../modules/forum/entities/forum-thread.entity.js';
import { ForumVote } from '../modules/forum/entities/forum-vote.entity.js';
import { OutboxEmail } from '../modules/notifications/entities/outbox-email.entity.js';
import { PracticeAnswer } from '../modules/practice/entities/practice-answer.entity.js';
import { PracticeSession } from '../modules/practice/entities/practice-session.entity.js';
import { QuestionSource } from '../modules/questions/entities/question-source.entity.js';
import { Question } from '../modules/questions/entities/question.entity.js';

export const ENTITIES = [
  User,
  AuthToken,
  SessionRecord,
  RateLimit,
  OutboxEmail,
  Setting,
  Company,
  Faq,
  Experience,
  Round,
  ExperienceDraft,
  HelpfulVote,
  Flag,
  AuditLog,
  ForumCategory,
  ForumThread,
  ForumPost,
  ForumVote,
  Question,
  QuestionSource,
  PracticeSession,
  PracticeAnswer,
];

import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { csrfFrom } from './test-app.js';

export type Agent = ReturnType<typeof request.agent>;

export function agentFor(app: NestExpressApplication): Agent {
  return request.agent(app.getHttpServer());
}

/** Fetches a page to get its CSRF token, then posts the form with it. */
export async function postForm(agent: Agent, pagePath: string, action: string, fields: Record<string, string | number>) {
  const page = await agent.get(pagePath);
  return agent.post(action).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}

export async function signIn(agent: Agent, email: string, password: string): Promise<void> {
  const res = await postForm(agent, '/login', '/login', { email, password });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
}

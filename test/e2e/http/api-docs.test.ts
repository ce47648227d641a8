import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI } from '../../../src/modules/api-docs/openapi.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { createCompany, createExperience } from '../../factories/content.js';
import { createCategory, createThread } from '../../factories/forum.js';
import { createUser } from '../../factories/users.js';
import { agentFor } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** Every GET route the app registers under /api, as OpenAPI paths ("/api/companies/{slug}"). */
function registeredApiRoutes(t: TestApp): string[] {
  const routes: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const route = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
        if (route.startsWith('/api/')) routes.push(route);
      }
    }
  }
  return routes.filter((r) => r !== '/api/docs' && r !== '/api/openapi.json').sort();
}

describe('the API description (/api/docs, /api/openapi.json)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const ds = t.dataSource;
    const kestrel = await createCompany(ds, 'active', { name: 'Kestrel Systems', slug: 'kestrel-systems' });
    await createExperience(ds, 'published', { company: kestrel, rounds: [{ kind: 'technical', questions: ['Reverse a linked list.'] }] });
    await ds.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));
    await createThread(ds, await createUser(ds, 'student'), await createCategory(ds));
  });
  afterAll(async () => t?.close());

  it('describes exactly the routes the app serves under /api', () => {
    expect(Object.keys(OPENAPI.paths).sort()).toEqual(registeredApiRoutes(t));
  });

  it('serves the description as JSON and as a page, and every route answers its example', async () => {
    const agent = agentFor(t.app);
    const json = await agent.get('/api/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ openapi: '3.1.0', info: { title: 'Interview Insights API' } });
    const page = await agent.get('/api/docs');
    expect(page.status).toBe(200);
    const question = await t.dataSource.getRepository(Question).findOneByOrFail({});
    for (const route of Object.keys(OPENAPI.paths)) expect(page.text).toContain(`<code>GET ${route}</code>`);
    const tries = [...page.text.matchAll(/<a href="([^"]+)">Try /g)];
    expect(tries).toHaveLength(Object.keys(OPENAPI.paths).length);
    for (const [, href] of tries) {
      const url = href!.replace(/&amp;/g, '&').replace('/api/questions/1', `/api/questions/${question.id}`);
      const res = await agent.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
    }
  });
});

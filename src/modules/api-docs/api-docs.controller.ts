import { Controller, Get, Render } from '@nestjs/common';
import { OPENAPI } from './openapi.js';

/** The description shaped for the page, with an example link per route (built once: it never changes). */
const ROUTES = Object.entries(OPENAPI.paths).map(([route, { get }]) => {
  const example = get.parameters.reduce(
    (acc, p) => {
      const value = 'example' in p ? p.example : undefined;
      if (value === undefined) return acc;
      if (p.in === 'path') acc.path = acc.path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
      else acc.query.set(p.name, String(value));
      return acc;
    },
    { path: route as string, query: new URLSearchParams() },
  );
  const tryHref = `${example.path}${example.query.size ? `?${example.query.toString()}` : ''}`;
  return {
    route,
    ...get,
    tryHref,
    parameters: get.parameters.map((p) => ({ ...p, type: p.schema.type, values: 'enum' in p.schema ? p.schema.enum?.join(', ') : null })),
    responses: Object.entries(get.responses).map(([status, r]) => ({ status, description: r.description })),
  };
});

@Controller('api')
export class ApiDocsController {
  @Get('openapi.json')
  openapi() {
    return OPENAPI;
  }

  /** The same description for people: each route with its parameters and a link to try it. */
  @Get('docs')
  @Render('api-docs/index')
  docs() {
    return { title: 'API', info: OPENAPI.info, routes: ROUTES };
  }
}

import { Controller, Get, HttpStatus, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../../common/auth/access.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { OUTCOMES } from '../experiences/entities/experience.entity.js';
import { ROUND_KINDS } from '../experiences/entities/round.entity.js';
import { CompaniesService, EXPERIENCES_PER_PAGE } from './companies.service.js';
import { BRANCH_MIN_GROUP } from './company-stats.js';
import { companyProfile, processView } from './company-view.js';
import { filtersQuery, hasFilters, parseExperienceFilters, parsePage } from './dto/experience-filters.js';
import { FaqsService, isStaff } from './faqs.service.js';
import { roundKindLabel } from './process.js';

type Query = Record<string, unknown>;

const text = (value: unknown, max = 100): string => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** "?a=1&" or "?" — the pagination partial appends "page=N". */
const pageBase = (path: string, query: string) => `${path}?${query ? `${query}&` : ''}`;

@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly faqs: FaqsService,
  ) {}

  @Get()
  async index(@Query() query: Query, @Res() res: Response) {
    const q = text(query.q);
    const industry = text(query.industry);
    const list = await this.companies.list({ q, industry, page: parsePage(query.page) });
    const kept = new URLSearchParams(Object.entries({ q, industry }).filter(([, v]) => v !== '')).toString();
    return res.render('companies/index', {
      title: 'Companies',
      ...list,
      q,
      industry,
      filtered: q !== '' || industry !== '',
      base: pageBase('/companies', kept),
      prev: list.page > 1 ? list.page - 1 : null,
      next: list.page < list.pages ? list.page + 1 : null,
    });
  }

  /** Statistics over the company's published experiences: outcomes, years, branches, topics asked, a word cloud. */
  @Get(':slug/stats')
  async stats(@Param('slug') slug: string, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    if (slug !== company.slug) return res.redirect(HttpStatus.MOVED_PERMANENTLY, `/companies/${company.slug}/stats`);
    return res.render('companies/stats', {
      title: `${company.name}: statistics`,
      company: companyProfile(company),
      ...(await this.companies.stats(company)),
      branchMinGroup: BRANCH_MIN_GROUP,
    });
  }

  @Get(':slug')
  async show(@Param('slug') slug: string, @Query() query: Query, @CurrentUser() viewer: SessionUser | null, @Req() req: Request, @Res() res: Response) {
    const company = await this.companies.getBySlug(slug);
    // One address per company, so shared links and bookmarks do not split (e.g. /companies/Kestrel-Systems).
    if (slug !== company.slug) {
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return res.redirect(HttpStatus.MOVED_PERMANENTLY, `/companies/${company.slug}${search}`);
    }
    const filters = parseExperienceFilters(query);
    const [summary, process, experiences, faq] = await Promise.all([
      this.companies.summary(company.id),
      this.companies.typicalProcess(company.id),
      this.companies.experiences(company.id, filters, viewer),
      this.faqs.archive(company.id, viewer),
    ]);
    const path = `/companies/${company.slug}`;
    const { facets } = experiences;
    // A value from a shared link stays selectable even when no experience has it any more.
    const withCurrent = <T>(values: T[], current: T | undefined) => (current === undefined || values.includes(current) ? values : [current, ...values]);
    const presentKinds = ROUND_KINDS.filter((k) => facets.roundKinds.includes(k) || k === filters.roundKind);
    const batchLink = (passoutYear: number | undefined) => `${path}?${filtersQuery(filters, { passoutYear })}#experiences`;

    return res.render('companies/show', {
      title: company.name,
      company: companyProfile(company),
      summary,
      process: processView(process),
      experiences: experiences.items,
      total: experiences.total,
      page: experiences.page,
      pages: experiences.pages,
      prev: experiences.page > 1 ? experiences.page - 1 : null,
      next: experiences.page < experiences.pages ? experiences.page + 1 : null,
      base: pageBase(path, filtersQuery(filters)),
      filters,
      hasFilters: hasFilters(filters),
      options: {
        years: withCurrent(facets.years, filters.year),
        roles: withCurrent(
          facets.roles.map((r) => r.value),
          filters.role,
        ),
        outcomes: OUTCOMES,
        roundKinds: presentKinds.map((kind) => ({ value: kind, label: roundKindLabel(kind) })),
        passoutYears: withCurrent(
          facets.passoutYears.map((p) => p.value),
          filters.passoutYear,
        ),
      },
      // Every batch the company has, each counted under the other filters in force.
      batches:
        facets.passoutYears.length > 1
          ? [
              { label: 'All batches', count: experiences.batches.reduce((sum, b) => sum + b.count, 0), href: batchLink(undefined), current: filters.passoutYear === undefined },
              ...facets.passoutYears.map(({ value }) => ({
                label: `Batch of ${value}`,
                count: experiences.batches.find((b) => b.value === value)?.count ?? 0,
                href: batchLink(value),
                current: filters.passoutYear === value,
              })),
            ]
          : [],
      showing: {
        from: experiences.total === 0 ? 0 : (experiences.page - 1) * EXPERIENCES_PER_PAGE + 1,
        to: (experiences.page - 1) * EXPERIENCES_PER_PAGE + experiences.items.length,
      },
      faq,
      staff: isStaff(viewer),
      questionsHref: `${path}/questions`,
      shareHref: `/experiences/new?${new URLSearchParams({ company: company.name }).toString()}`,
      signInHref: `/login?${new URLSearchParams({ next: `${path}#faq` }).toString()}`,
      faqValues: {},
    });
  }
}

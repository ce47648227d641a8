import { Controller, Get, NotFoundException, Param, Query, Render } from '@nestjs/common';
import { filterQuery, parseQuestionFilters, type QuestionFilters } from './dto/question-filters.js';
import { QuestionBankService, type QuestionDetail } from './question-bank.service.js';

/** Ids in paths are digits only; anything else is a page that does not exist (404), not a bad request. */
export function questionId(value: string): number {
  const id = /^\d{1,9}$/.test(value) ? Number(value) : 0;
  if (id < 1) throw new NotFoundException('We could not find that question.');
  return id;
}

async function loadQuestion(bank: QuestionBankService, idParam: string): Promise<QuestionDetail> {
  const question = await bank.get(questionId(idParam));
  if (!question) throw new NotFoundException('We could not find that question.');
  return question;
}

/** Public when PUBLIC_READ is on (the global guard decides); no page shows anything about authors. */
@Controller()
export class QuestionsController {
  constructor(private readonly bank: QuestionBankService) {}

  @Get('questions')
  @Render('questions/index')
  async index(@Query() query: Record<string, unknown>) {
    const filters = parseQuestionFilters(query);
    return {
      title: 'Question bank',
      heading: 'Question bank',
      lede: 'Every question students reported from their interviews, with similar wordings merged, most asked first.',
      action: '/questions',
      scoped: false,
      ...(await this.listModel(filters, '/questions', true)),
    };
  }

  @Get('questions/:id')
  @Render('questions/show')
  async show(@Param('id') idParam: string) {
    const question = await loadQuestion(this.bank, idParam);
    return { title: question.text.length > 70 ? `${question.text.slice(0, 69)}…` : question.text, question };
  }

  @Get('companies/:slug/questions')
  @Render('questions/index')
  async company(@Param('slug') slug: string, @Query() query: Record<string, unknown>) {
    const company = await this.bank.activeCompany(slug.toLowerCase());
    if (!company) throw new NotFoundException('We could not find that company.');
    const filters: QuestionFilters = { ...parseQuestionFilters(query), companySlug: company.slug };
    const path = `/companies/${company.slug}/questions`;
    return {
      title: `Questions asked at ${company.name}`,
      heading: `Questions asked at ${company.name}`,
      lede: `Questions students reported from ${company.name} interviews, with similar wordings merged, most asked first.`,
      action: path,
      scoped: true,
      company,
      ...(await this.listModel(filters, path, false)),
    };
  }

  private async listModel(filters: QuestionFilters, path: string, includeCompany: boolean) {
    const [result, options] = await Promise.all([this.bank.list(filters), this.bank.filterOptions(includeCompany ? undefined : filters.companySlug)]);
    const filtered = Boolean((includeCompany && filters.companySlug) || filters.topic || filters.roundKind || filters.role || filters.q);
    return {
      ...result,
      options,
      // What the person typed or chose, echoed back into the form.
      values: {
        company: filters.companySlug ?? '',
        topic: filters.topic ?? '',
        round: filters.roundKind ?? '',
        role: filters.role ?? '',
        q: filters.q ?? '',
      },
      filtered,
      clearHref: path,
      base: `${path}?${filterQuery(filters, { includeCompany })}`,
      prev: result.page > 1 ? Math.min(result.page - 1, result.pages) : null,
      next: result.page < result.pages ? result.page + 1 : null,
    };
  }
}

/** Read-only JSON with the same filters as the pages; public data only, never an author field. */
@Controller('api/questions')
export class QuestionsApiController {
  constructor(private readonly bank: QuestionBankService) {}

  @Get()
  list(@Query() query: Record<string, unknown>) {
    return this.bank.list(parseQuestionFilters(query, { perPage: true }));
  }

  @Get(':id')
  async show(@Param('id') idParam: string) {
    return loadQuestion(this.bank, idParam);
  }
}

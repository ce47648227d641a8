import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { toCsv } from '../../common/http/csv.js';
import { Roles } from '../../common/auth/access.js';
import { InsightsService, PRACTICE_MIN_GROUP } from './insights.service.js';

@Controller('insights')
@Roles('officer', 'admin')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @Render('insights/index')
  async dashboard() {
    const [companies, practice] = await Promise.all([this.insights.companyTable(), this.insights.practiceStats()]);
    return { title: 'Placement insights', companies, practice, minGroup: PRACTICE_MIN_GROUP };
  }

  /** The company figures as CSV: per company (default), or per company and interview year or branch (`?by=year|branch`). */
  @Get('export.csv')
  async export(@Query('by') by: string | undefined, @Res() res: Response) {
    const rate = (selected: number, attended: number) => (attended ? Math.round((selected / attended) * 1000) / 10 : 0);
    let rows: Array<Array<string | number | null>>;
    if (by === 'year' || by === 'branch') {
      const breakdown = await this.insights.companyBreakdown(by);
      rows = [
        ['Company', by === 'year' ? 'Interview year' : 'Branch', 'Students attended', 'Selected', 'Selection rate (%)'],
        ...breakdown.map((r) => [r.company, by === 'year' ? Number(r.key) : r.key, r.attended, r.selected, rate(r.selected, r.attended)]),
      ];
    } else {
      const companies = await this.insights.companyTable();
      rows = [
        ['Company', 'Students attended', 'Selected', 'Selection rate (%)', 'Average difficulty (1-5)', 'First year', 'Last year', 'Page'],
        ...companies.map((c) => [c.name, c.attended, c.selected, rate(c.selected, c.attended), c.averageDifficulty, c.firstYear, c.lastYear, `/companies/${c.slug}/stats`]),
      ];
    }
    const name = `interview-insights-${by === 'year' || by === 'branch' ? `companies-by-${by}` : 'companies'}-${new Date().toISOString().slice(0, 10)}.csv`;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    res.send(`\ufeff${toCsv(rows)}`);
  }
}

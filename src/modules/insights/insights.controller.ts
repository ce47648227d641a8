import { Controller, Get, Render } from '@nestjs/common';
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
}

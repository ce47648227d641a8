import { Controller, Get, Render } from '@nestjs/common';
import { Roles } from '../../common/auth/access.js';
import { InsightsService } from './insights.service.js';

@Controller('insights')
@Roles('officer', 'admin')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @Render('insights/index')
  async dashboard() {
    const companies = await this.insights.companyTable();
    return { title: 'Placement insights', companies };
  }
}

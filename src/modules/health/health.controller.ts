import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Open } from '../../common/auth/access.js';
import { HealthService } from './health.service.js';

@Controller('healthz')
@Open()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async check(@Res() res: Response) {
    const report = await this.health.report();
    // Only a dead database makes the instance unusable; other degradations keep it in rotation.
    res.status(report.components.database.ok ? 200 : 503).json(report);
  }
}

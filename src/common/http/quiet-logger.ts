import { ConsoleLogger, type LogLevel } from '@nestjs/common';

// Nest logs every module and route at start-up; useful when debugging, noise otherwise.
const CHATTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export class QuietLogger extends ConsoleLogger {
  constructor(private readonly showStartupDetail: boolean, levels: LogLevel[]) {
    super();
    this.setLogLevels(levels);
  }

  override log(message: unknown, context?: string): void {
    if (!this.showStartupDetail && context && CHATTY.has(context)) return;
    super.log(message, context);
  }
}

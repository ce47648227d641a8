import { Controller, Get, Render } from '@nestjs/common';
import { HomeService } from './home.service.js';

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Render('home/index')
  async index() {
    return { title: 'Real interview experiences, shared by students', ...(await this.home.view()) };
  }
}

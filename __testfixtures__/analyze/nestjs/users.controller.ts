import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
import { CreateUserDto } from './dto/create-user.dto';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly http: HttpService,
  ) {}

  @Get()
  async findAll() {
    try {
      return await this.users.findAll();
    } catch (err) {
      // HttpException messages are sent as they are, at 500 too
      throw new InternalServerErrorException(err.message); // expect: leaked-exception
    }
  }

  @Get(':id')
  async findOne(@Param('id') id: string) {
    const user = await this.users.findOne(id);
    if (!user) {
      throw new NotFoundException('User not found');
    }
    return user;
  }

  @Get(':id/orders')
  async orders(@Param('id') id: string) {
    try {
      return await this.users.orders(id);
    } catch (err) {
      throw new InternalServerErrorException(); // expect: bare-500
    }
  }

  @Get(':id/avatar')
  async avatar(@Param('id') id: string) {
    try {
      return await this.users.avatarUrl(id);
    } catch (err) {
      throw new InternalServerErrorException('Could not load the avatar', { cause: err });
    }
  }

  @Get(':id/credit')
  async credit(@Param('id') id: string) {
    try {
      const { data } = await firstValueFrom(this.http.get(`https://credit.internal/score/${id}`));
      return data;
    } catch (err) {
      throw new HttpException( // expect: leaked-downstream
        { status: HttpStatus.BAD_GATEWAY, error: err.response?.data },
        HttpStatus.BAD_GATEWAY,
      );
    }
  }

  @Post()
  async create(@Body() dto: CreateUserDto) {
    try {
      return await this.users.create(dto);
    } catch (err) {
      return { success: false, error: err.message }; // expect: leaked-exception, error-in-2xx
    }
  }

  @Post('import')
  async importCsv(@Body() body: { csv: string }) {
    const result = await this.users.importCsv(body.csv);
    if (result.failed.length) {
      return { status: 'error', message: 'Some rows could not be imported', failed: result.failed }; // expect: error-in-2xx
    }
    return { imported: result.imported };
  }
}

import { Injectable, NotFoundException, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import * as bcrypt from 'bcrypt';

// A Babel-compiled Nest app: decorators, no types.
@Injectable()
export class AuthService {
  constructor(usersService, jwtService) {
    this.usersService = usersService;
    this.jwtService = jwtService;
  }

  async validateUser(email, password) {
    const user = await this.usersService.findByEmail(email);
    if (!user) {
      throw new NotFoundException('User not found'); // expect: account-enumeration
    }
    const matches = await bcrypt.compare(password, user.password);
    if (!matches) {
      throw new UnauthorizedException('Wrong password');
    }
    return user;
  }

  async login(user) {
    return { access_token: this.jwtService.sign({ sub: user.id, email: user.email }) };
  }

  async verify(token) {
    if (!token) {
      throw new ForbiddenException('No token provided'); // expect: auth-status-mismatch
    }
    try {
      return await this.jwtService.verifyAsync(token);
    } catch (e) {
      throw new UnauthorizedException(e.message); // expect: leaked-exception
    }
  }
}

import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[]>('roles', context.getHandler());
    if (!roles) return true;
    const request = context.switchToHttp().getRequest();
    if (!request.user) {
      throw new UnauthorizedException('Login required');
    }
    if (!roles.some((role) => request.user.roles?.includes(role))) {
      throw new ForbiddenException('Insufficient role');
    }
    return true;
  }
}

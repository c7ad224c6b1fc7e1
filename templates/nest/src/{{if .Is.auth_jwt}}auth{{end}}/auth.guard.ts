import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC_KEY } from './public.decorator.js';

export interface TokenPayload {
  sub: string;
  email: string;
}

/** The claims a token must carry: jsonwebtoken checks `exp` only when present. */
function isValidPayload(
  payload: Partial<TokenPayload> & { exp?: unknown },
): payload is TokenPayload & { exp: number } {
  return (
    typeof payload.exp === 'number' &&
    typeof payload.sub === 'string' &&
    /^[1-9]\d{0,9}$/.test(payload.sub) &&
    typeof payload.email === 'string'
  );
}

/**
 * Registered globally (APP_GUARD in AuthModule): every route needs a valid
 * bearer token unless it is marked @Public().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwtService: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractBearerToken(request);
    if (!token) throw new UnauthorizedException();
    let payload: Partial<TokenPayload> & { exp?: unknown };
    try {
      // Signature, algorithm (HS256 only, see AuthModule) and expiry.
      payload = await this.jwtService.verifyAsync(token);
    } catch {
      throw new UnauthorizedException();
    }
    if (!isValidPayload(payload)) throw new UnauthorizedException();
    request.user = { id: Number(payload.sub), email: payload.email };
    return true;
  }
}

function extractBearerToken(request: Request): string | undefined {
  const [type, token] = request.headers.authorization?.split(' ') ?? [];
  return type === 'Bearer' && token ? token : undefined;
}

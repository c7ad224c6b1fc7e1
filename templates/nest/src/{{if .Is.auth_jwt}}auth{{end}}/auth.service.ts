import {
  ConflictException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { EnvironmentVariables } from '../config/env.validation.js';
import { UsersService } from '../users/users.service.js';
import type { TokenPayload } from './auth.guard.js';
import type { AuthUser } from './current-user.decorator.js';
import { LoginAttempts } from './login-attempts.js';
import {
  hashPassword,
  needsRehash,
  type ScryptParams,
  scryptParams,
  verifyPassword,
} from './password.js';

@Injectable()
export class AuthService {
  private readonly params: ScryptParams;
  // Checked when the email is unknown, so both failures take as long.
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly usersService: UsersService,
    private readonly jwtService: JwtService,
    private readonly loginAttempts: LoginAttempts,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.params = scryptParams(config.get('SCRYPT_COST', { infer: true }));
    this.dummyHash = hashPassword('not the password of anyone', this.params);
  }

  async register(email: string, password: string): Promise<AuthUser> {
    if (await this.usersService.findByEmail(email)) {
      throw new ConflictException('Email is already registered');
    }
    const user = await this.usersService.create(
      email,
      await hashPassword(password, this.params),
    );
    // Another registration of the same email won the race.
    if (!user) throw new ConflictException('Email is already registered');
    return { id: user.id, email: user.email };
  }

  async login(email: string, password: string): Promise<{ token: string }> {
    const retryAfter = this.loginAttempts.retryAfter(email);
    if (retryAfter > 0) {
      throw new HttpException(
        `Too many failed logins for this account: try again in ${retryAfter} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.usersService.findByEmail(email);
    const valid = await verifyPassword(
      password,
      user?.passwordHash ?? (await this.dummyHash),
    );
    if (!user || !valid) {
      this.loginAttempts.failed(email);
      throw new UnauthorizedException('Invalid email or password');
    }
    this.loginAttempts.succeeded(email);
    // Hashes made with an older SCRYPT_COST are upgraded as users log in.
    if (needsRehash(user.passwordHash, this.params)) {
      await this.usersService.setPasswordHash(
        user.id,
        await hashPassword(password, this.params),
      );
    }
    const payload: TokenPayload = { sub: String(user.id), email: user.email };
    return { token: await this.jwtService.signAsync(payload) };
  }

  async me(id: number): Promise<AuthUser> {
    const user = await this.usersService.findById(id);
    if (!user) throw new UnauthorizedException();
    return { id: user.id, email: user.email };
  }
}

import {
  ConflictException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../users/users.service.js';
import type { TokenPayload } from './auth.guard.js';
import type { AuthUser } from './current-user.decorator.js';
import { hashPassword, verifyPassword } from './password.js';

@Injectable()
export class AuthService {
  // Compared against when the email is unknown, so both failures take as long.
  private readonly dummyHash = hashPassword('not the password of anyone');

  constructor(
    private readonly usersService: UsersService,
    private readonly jwtService: JwtService,
  ) {}

  async register(email: string, password: string): Promise<AuthUser> {
    if (await this.usersService.findByEmail(email)) {
      throw new ConflictException('Email is already registered');
    }
    const user = await this.usersService.create(
      email,
      await hashPassword(password),
    );
    if (!user) throw new ConflictException('Email is already registered');
    return { id: user.id, email: user.email };
  }

  async login(email: string, password: string): Promise<{ token: string }> {
    const user = await this.usersService.findByEmail(email);
    const valid = await verifyPassword(
      password,
      user?.passwordHash ?? (await this.dummyHash),
    );
    if (!user || !valid)
      throw new UnauthorizedException('Invalid email or password');
    const payload: TokenPayload = { sub: String(user.id), email: user.email };
    return { token: await this.jwtService.signAsync(payload) };
  }

  async me(id: number): Promise<AuthUser> {
    const user = await this.usersService.findById(id);
    if (!user) throw new UnauthorizedException();
    return { id: user.id, email: user.email };
  }
}

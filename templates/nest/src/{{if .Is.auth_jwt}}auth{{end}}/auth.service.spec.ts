import {
  ConflictException,
  HttpException,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { LoginAttempts } from './login-attempts.js';
import { hashPassword, scryptParams } from './password.js';

describe('AuthService', () => {
  const cost = 10;
  let authService: AuthService;
  let jwtService: JwtService;
  const users = {
    findByEmail: vi.fn<UsersService['findByEmail']>(),
    findById: vi.fn<UsersService['findById']>(),
    create: vi.fn<UsersService['create']>(),
    setPasswordHash: vi.fn<UsersService['setPasswordHash']>(),
  };
  const user = (passwordHash = '') => ({
    id: 7,
    email: 'a@example.com',
    passwordHash,
    createdAt: new Date(),
  });

  beforeEach(async () => {
    vi.resetAllMocks();
    const moduleRef = await Test.createTestingModule({
      imports: [
        JwtModule.register({
          secret: 'unit-test-secret',
          signOptions: { expiresIn: '1h' },
        }),
      ],
      providers: [
        AuthService,
        LoginAttempts,
        { provide: UsersService, useValue: users },
        { provide: ConfigService, useValue: { get: () => cost } },
      ],
    }).compile();
    authService = moduleRef.get(AuthService);
    jwtService = moduleRef.get(JwtService);
  });

  it('registers a new user with a hashed password', async () => {
    users.findByEmail.mockResolvedValue(null);
    users.create.mockImplementation(async (email, passwordHash) => ({
      ...user(passwordHash),
      id: 1,
      email,
    }));

    await expect(
      authService.register('a@example.com', 'long enough password'),
    ).resolves.toEqual({
      id: 1,
      email: 'a@example.com',
    });
    const [, passwordHash] = users.create.mock.calls[0];
    expect(passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('refuses a taken email, also when the database catches the race', async () => {
    users.findByEmail.mockResolvedValue(user());
    await expect(
      authService.register('a@example.com', 'long enough password'),
    ).rejects.toBeInstanceOf(ConflictException);
    expect(users.create).not.toHaveBeenCalled();

    users.findByEmail.mockResolvedValue(null);
    users.create.mockResolvedValue(undefined);
    await expect(
      authService.register('a@example.com', 'long enough password'),
    ).rejects.toBeInstanceOf(ConflictException);
  });

  it('issues a token with sub and exp for the right password', async () => {
    users.findByEmail.mockResolvedValue(
      user(await hashPassword('long enough password', scryptParams(cost))),
    );

    const { token } = await authService.login(
      'a@example.com',
      'long enough password',
    );
    await expect(jwtService.verifyAsync(token)).resolves.toMatchObject({
      sub: '7',
      email: 'a@example.com',
      exp: expect.any(Number),
    });
    expect(users.setPasswordHash).not.toHaveBeenCalled();
  });

  it('rehashes at login a password hashed with other parameters', async () => {
    users.findByEmail.mockResolvedValue(
      user(await hashPassword('long enough password', scryptParams(11))),
    );
    await authService.login('a@example.com', 'long enough password');
    expect(users.setPasswordHash).toHaveBeenCalledWith(
      7,
      expect.stringMatching(/^scrypt\$1024\$8\$1\$/),
    );
  });

  it('answers a wrong password and an unknown email alike', async () => {
    users.findByEmail.mockResolvedValueOnce(
      user(await hashPassword('long enough password', scryptParams(cost))),
    );
    await expect(
      authService.login('a@example.com', 'wrong password'),
    ).rejects.toBeInstanceOf(UnauthorizedException);

    users.findByEmail.mockResolvedValueOnce(null);
    await expect(
      authService.login('b@example.com', 'long enough password'),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses every login to an account after too many failures', async () => {
    users.findByEmail.mockResolvedValue(
      user(await hashPassword('long enough password', scryptParams(cost))),
    );
    for (let i = 0; i < LoginAttempts.maxFailures; i++) {
      await expect(
        authService.login('a@example.com', 'wrong password'),
      ).rejects.toBeInstanceOf(UnauthorizedException);
    }
    const refused = authService.login('a@example.com', 'long enough password');
    await expect(refused).rejects.toBeInstanceOf(HttpException);
    await expect(refused).rejects.toMatchObject({ status: 429 });
  });
});

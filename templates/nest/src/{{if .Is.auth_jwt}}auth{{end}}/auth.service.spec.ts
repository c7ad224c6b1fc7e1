import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './password.js';

describe('AuthService', () => {
  let authService: AuthService;
  let jwtService: JwtService;
  const users = {
    findByEmail: vi.fn<UsersService['findByEmail']>(),
    findById: vi.fn<UsersService['findById']>(),
    create: vi.fn<UsersService['create']>(),
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
      imports: [JwtModule.register({ secret: 'unit-test-secret' })],
      providers: [AuthService, { provide: UsersService, useValue: users }],
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
    expect(passwordHash).toMatch(/^scrypt\$/);
  });

  it('refuses a taken email', async () => {
    users.findByEmail.mockResolvedValue(user());
    await expect(
      authService.register('a@example.com', 'long enough password'),
    ).rejects.toBeInstanceOf(ConflictException);
    expect(users.create).not.toHaveBeenCalled();
  });

  it('issues a token for the right password', async () => {
    users.findByEmail.mockResolvedValue(
      user(await hashPassword('long enough password')),
    );

    const { token } = await authService.login(
      'a@example.com',
      'long enough password',
    );
    await expect(jwtService.verifyAsync(token)).resolves.toMatchObject({
      sub: '7',
      email: 'a@example.com',
    });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    users.findByEmail.mockResolvedValueOnce(
      user(await hashPassword('long enough password')),
    );
    await expect(
      authService.login('a@example.com', 'wrong password'),
    ).rejects.toBeInstanceOf(UnauthorizedException);

    users.findByEmail.mockResolvedValueOnce(null);
    await expect(
      authService.login('b@example.com', 'long enough password'),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });
});

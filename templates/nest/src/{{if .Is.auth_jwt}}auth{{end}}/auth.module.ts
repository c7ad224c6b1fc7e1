import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, type JwtModuleOptions } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  type EnvironmentVariables,
  isLocal,
} from '../config/env.validation.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginAttempts } from './login-attempts.js';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
      ): JwtModuleOptions => {
        let secret = config.get('JWT_SECRET', { infer: true });
        // Validation lets it be unset only when NODE_ENV is development or test.
        if (!secret && isLocal(config.get('NODE_ENV', { infer: true }))) {
          new Logger(AuthModule.name).warn(
            'JWT_SECRET is not set: using a random secret until restart',
          );
          secret = randomBytes(32).toString('base64url');
        }
        if (!secret) throw new Error('JWT_SECRET is not set');
        return {
          secret,
          verifyOptions: { algorithms: ['HS256'] },
          signOptions: {
            algorithm: 'HS256',
            expiresIn: config.get('JWT_EXPIRES_IN', {
              infer: true,
            }) as JwtExpiresIn,
          },
        };
      },
    }),
    // Brute-force protection for register and login: 30 requests a minute
    // per client address (see TRUST_PROXY); LoginAttempts limits each account.
    ThrottlerModule.forRoot([{ ttl: 60_000, limit: 30 }]),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginAttempts,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}

type JwtExpiresIn = NonNullable<
  NonNullable<JwtModuleOptions['signOptions']>['expiresIn']
>;

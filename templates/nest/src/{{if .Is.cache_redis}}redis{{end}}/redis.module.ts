import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { EnvironmentVariables } from '../config/env.validation.js';

/** Injection token of the shared Redis client: `@Inject(REDIS) redis: Redis`. */
export const REDIS = Symbol('REDIS');

/** Redis did not answer at start-up; the message names its address. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/**
 * Connects to the Redis server at `url`, which holds what every instance of
 * the app shares (rate-limit and failed-login counts), under keys that start
 * with `keyPrefix`. Rejects when the server cannot be reached: an instance
 * that cannot share its counts must not start. Once connected, a lost
 * connection is retried (up to every 2 s) and commands fail at once until it
 * is back, so requests never wait for Redis.
 */
export async function connectRedis(
  url: string,
  keyPrefix: string,
): Promise<Redis> {
  let connected = false;
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    connectTimeout: 5_000,
    enableOfflineQueue: false,
    // Not at start-up (the error goes to the caller); afterwards, again and again.
    retryStrategy: (attempt) =>
      connected ? Math.min(attempt * 100, 2_000) : null,
  });
  // Without a listener, ioredis prints every connection error itself.
  redis.on('error', (error: Error) => {
    lastError = error;
    if (connected) new Logger('Redis').warn(`Connection: ${error.message}`);
  });
  try {
    await redis.connect();
  } catch (error) {
    const { host } = new URL(url);
    const cause = lastError ?? (error as Error);
    throw new RedisUnreachableError(
      `Redis at ${host} (REDIS_URL) is unreachable: ${cause.message}`,
    );
  }
  connected = true;
  return redis;
}

/**
 * The Redis client, for every module (RedisModule is global). It connects
 * while the app starts and closes when the app does.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        connectRedis(
          config.get('REDIS_URL', { infer: true }),
          config.get('REDIS_PREFIX', { infer: true }),
        ),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT lets Redis answer what was already sent; while reconnecting there
    // is nothing to wait for.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}

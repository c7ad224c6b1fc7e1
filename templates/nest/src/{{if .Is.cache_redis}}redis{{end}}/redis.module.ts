import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { EnvironmentVariables } from '../config/env.validation.js';

/** Injection token of the shared Redis client: `@Inject(REDIS) redis: Redis`. */
export const REDIS = Symbol('REDIS');

/**
 * How long Redis may leave commands unanswered before the client gives up on
 * the connection (and reconnects).
 */
const socketTimeoutMs = 5_000;

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
 * is back, so requests never wait for Redis: those sent while it is down are
 * not queued, those it had not answered when the connection dropped are not
 * sent again, and a connection on which Redis stopped answering is dropped
 * after `socketTimeoutMs`.
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
    maxRetriesPerRequest: 0,
    socketTimeout: socketTimeoutMs,
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
 * A request that needs Redis while it is out of reach: 503, in Nest's shape,
 * saying no more than that (the client logs why it has no connection).
 */
export class RedisUnavailableException extends ServiceUnavailableException {
  constructor(cause: unknown) {
    super('Service temporarily unavailable; try again shortly', { cause });
  }
}

/**
 * Runs `commands` on `redis`. When they fail because the client has no
 * connection to Redis (commands then fail at once, see connectRedis), this
 * throws RedisUnavailableException: the request is answered with 503, and
 * what Redis was to count or check is not skipped (it fails closed). An
 * error Redis itself replied with is thrown as it is: a bug, a 500.
 */
export async function withRedis<T>(
  redis: Redis,
  commands: () => Promise<T>,
): Promise<T> {
  try {
    return await commands();
  } catch (error) {
    if (redis.status === 'ready') throw error;
    throw new RedisUnavailableException(error);
  }
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

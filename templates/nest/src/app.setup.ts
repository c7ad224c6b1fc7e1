import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import helmet from 'helmet';
import {
  type EnvironmentVariables,
  trustProxy,
} from './config/env.validation.js';
import { requestLogger } from './common/request-logger.middleware.js';

/**
 * HTTP-level setup shared by main.ts and the e2e tests. Pipes, guards and
 * filters are registered as providers in AppModule instead, so they apply to
 * every application created from it.
 */
export function configureApp(
  app: NestExpressApplication,
): NestExpressApplication {
  const config =
    app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const origins = config.get('CORS_ORIGIN', { infer: true });

  app.use(requestLogger);
  app.use(helmet());
  app.enableCors({
    origin:
      origins === '*' ? '*' : origins.split(',').map((origin) => origin.trim()),
  });
  // Larger bodies are refused with 413, malformed JSON with 400.
  app.useBodyParser('json', {
    limit: config.get('BODY_LIMIT', { infer: true }),
  });
  app.disable('x-powered-by');
  // Whether X-Forwarded-For gives the client address (rate limits, logs):
  // Express's own setting, off unless TRUST_PROXY says otherwise.
  app.set(
    'trust proxy',
    trustProxy(config.get('TRUST_PROXY', { infer: true })),
  );
  return app;
}

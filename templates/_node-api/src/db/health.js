/** How long GET /health waits for the database (or Redis) before it answers 503. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Resolves once the database answers; rejects when it fails or gives no answer
 * within `timeoutMs`, so a health check never hangs with the database.
 */
export function checkDatabase(database, timeoutMs = HEALTH_TIMEOUT_MS) {
  return answers(database, 'the database', timeoutMs);
}

/** The same for any service with a `ping()`: `name` says which in the error. */
export async function answers(service, name, timeoutMs = HEALTH_TIMEOUT_MS) {
  const { promise: timedOut, reject } = Promise.withResolvers();
  const timer = setTimeout(() => reject(new Error(`${name} gave no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    await Promise.race([service.ping(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

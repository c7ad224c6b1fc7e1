/** How long GET /health waits for the database before it answers 503. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Resolves once the database answers; rejects when it fails or gives no answer
 * within `timeoutMs`, so a health check never hangs with the database.
 */
export async function checkDatabase(database, timeoutMs = HEALTH_TIMEOUT_MS) {
  const { promise: timedOut, reject } = Promise.withResolvers();
  const timer = setTimeout(() => reject(new Error(`the database gave no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    await Promise.race([database.ping(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts failed logins per account (the normalised email), so password
 * guessing against one account is stopped whichever addresses it comes from;
 * the per-address rate limit on the auth routes does the rest.
 *
 * After `max` failures within `windowMs` the account is locked until the
 * window of its first failure ends; a successful login clears the count. The
 * counts live in this process (at most `maxTracked` accounts, oldest dropped
 * first): with several instances, each counts its own.
 */
export function createLoginAttempts({
  max, windowMs = 15 * 60 * 1000, maxTracked = 10_000, now = Date.now,
}) {
  const failures = new Map(); // key -> { count, resetAt }, oldest first

  function current(key) {
    const entry = failures.get(key);
    if (entry && entry.resetAt <= now()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    /** Seconds until `key` may try again; 0 when it may now. */
    lockedFor(key) {
      const entry = current(key);
      return entry && entry.count >= max ? Math.ceil((entry.resetAt - now()) / 1000) : 0;
    },

    failed(key) {
      const entry = current(key) ?? { count: 0, resetAt: now() + windowMs };
      entry.count += 1;
      failures.delete(key);
      failures.set(key, entry);
      if (failures.size > maxTracked) failures.delete(failures.keys().next().value);
    },

    succeeded(key) {
      failures.delete(key);
    },
  };
}

import { Injectable } from '@nestjs/common';

interface Failures {
  count: number;
  /** When the window of the first counted failure ends (ms since the epoch). */
  resetAt: number;
}

/**
 * Failed logins per account, so that guessing one account's password from
 * many addresses is limited too (the throttler limits each address). Kept in
 * memory: each instance counts on its own.
 */
@Injectable()
export class LoginAttempts {
  static readonly maxFailures = 10;
  static readonly windowMs = 15 * 60_000;
  private static readonly maxTracked = 10_000;

  private readonly failures = new Map<string, Failures>();

  /** Seconds until `email` may try again, or 0 when it may now. */
  retryAfter(email: string, now = Date.now()): number {
    const entry = this.failures.get(email);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= LoginAttempts.maxFailures
      ? Math.ceil((entry.resetAt - now) / 1000)
      : 0;
  }

  failed(email: string, now = Date.now()): void {
    const entry = this.failures.get(email);
    if (entry && entry.resetAt > now) {
      entry.count += 1;
      return;
    }
    if (this.failures.size >= LoginAttempts.maxTracked) this.prune(now);
    this.failures.set(email, {
      count: 1,
      resetAt: now + LoginAttempts.windowMs,
    });
  }

  succeeded(email: string): void {
    this.failures.delete(email);
  }

  private prune(now: number): void {
    for (const [email, entry] of this.failures) {
      if (entry.resetAt <= now) this.failures.delete(email);
    }
    // Still full: forget the oldest entries rather than grow without bound.
    for (const email of this.failures.keys()) {
      if (this.failures.size < LoginAttempts.maxTracked) break;
      this.failures.delete(email);
    }
  }
}

import { LoginAttempts } from './login-attempts.js';

describe('LoginAttempts', () => {
  const email = 'a@example.com';

  it('blocks an account after too many failures, for the rest of the window', () => {
    const attempts = new LoginAttempts();
    const start = Date.now();
    for (let i = 0; i < LoginAttempts.maxFailures; i++) {
      expect(attempts.retryAfter(email, start)).toBe(0);
      attempts.failed(email, start);
    }
    expect(attempts.retryAfter(email, start)).toBe(
      LoginAttempts.windowMs / 1000,
    );
    expect(attempts.retryAfter('b@example.com', start)).toBe(0);
    expect(attempts.retryAfter(email, start + LoginAttempts.windowMs)).toBe(0);
  });

  it('forgets the failures of an account that logged in', () => {
    const attempts = new LoginAttempts();
    for (let i = 0; i < LoginAttempts.maxFailures - 1; i++) {
      attempts.failed(email);
    }
    attempts.succeeded(email);
    attempts.failed(email);
    expect(attempts.retryAfter(email)).toBe(0);
  });
});

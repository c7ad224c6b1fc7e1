import { randomBytes } from 'node:crypto';
import { createLoginAttempts } from './login-attempts.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import { signToken } from './tokens.js';

/**
 * Registration and login, whatever the framework: routes validate the input
 * (emails arrive trimmed and lower-cased) and turn the results into responses.
 * `attempts` counts failed logins (src/auth/login-attempts.js): in this process
 * unless the app passes a shared count.
 */
export function createAuthService({ users, config, attempts = createLoginAttempts({ max: config.loginMaxFailures }) }) {
  const cost = config.passwordHashCost;
  // An unknown email is checked against this hash: the same work, so the same
  // time, as a wrong password, so timing does not tell which emails are registered.
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'), cost);

  return {
    /** The new user `{ id, email }`, or null when the email is taken. */
    async register({ email, password }) {
      return users.create({ email, passwordHash: await hashPassword(password, cost) });
    },

    /**
     * `{ token }` for the right password; `{ error: 'invalid' }` alike for a
     * wrong password and an unknown email; `{ error: 'locked', retryAfter }`
     * (seconds) once the account has had too many failed logins.
     */
    async login({ email, password }) {
      const retryAfter = await attempts.lockedFor(email);
      if (retryAfter > 0) return { error: 'locked', retryAfter };

      const user = await users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !valid) {
        await attempts.failed(email);
        return { error: 'invalid' };
      }
      await attempts.succeeded(email);
      // Hashes made with older parameters are upgraded while the password is at hand.
      if (needsRehash(user.passwordHash, cost)) {
        await users.setPasswordHash(user.id, await hashPassword(password, cost));
      }
      return { token: await signToken(user, config) };
    },
  };
}

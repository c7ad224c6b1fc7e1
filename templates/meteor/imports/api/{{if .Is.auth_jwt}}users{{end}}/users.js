import { randomBytes } from 'node:crypto';
import { Meteor } from 'meteor/meteor';
import { createLoginAttempts } from './login-attempts.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import { signToken } from './tokens.js';

// Users live in Meteor.users (accounts-base), so a client logged in over DDP
// is this.userId in methods and publications. Passwords are hashed with scrypt
// at OWASP's parameters under services.scrypt (accounts-password would store
// bcrypt under services.password).
const DUPLICATE_KEY = 11000;

const toUser = (doc) => ({ id: doc._id, email: doc.emails[0].address });

export async function findUserById(id) {
  const doc = await Meteor.users.findOneAsync({ _id: id }, { projection: { emails: 1 } });
  return doc ? toUser(doc) : null;
}

/**
 * Registration and login: the HTTP routes validate the input (emails arrive
 * trimmed and lower-cased) and turn the results into responses.
 */
export function createAuthService(config) {
  const cost = config.passwordHashCost;
  const attempts = createLoginAttempts({ max: config.loginMaxFailures });
  // An unknown email is checked against this hash: the same work, so the same
  // time, as a wrong password, so timing does not tell which emails are registered.
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'), cost);

  return {
    /** The new user { id, email }, or null when the email is taken. */
    async register({ email, password }) {
      const doc = {
        emails: [{ address: email, verified: false }],
        services: { scrypt: { hash: await hashPassword(password, cost) } },
        createdAt: new Date(),
      };
      try {
        const id = await Meteor.users.insertAsync(doc);
        return { id, email };
      } catch (error) {
        // The unique index on emails.address decides, even between racing requests.
        if (error.code === DUPLICATE_KEY) return null;
        throw error;
      }
    },

    /**
     * { token } for the right password; { error: 'invalid' } alike for a wrong
     * password and an unknown email; { error: 'locked', retryAfter } (seconds)
     * once the account has had too many failed logins.
     */
    async login({ email, password }) {
      const retryAfter = attempts.lockedFor(email);
      if (retryAfter > 0) return { error: 'locked', retryAfter };

      const doc = await Meteor.users.findOneAsync(
        { 'emails.address': email },
        { projection: { emails: 1, services: 1 } },
      );
      const hash = doc?.services?.scrypt?.hash;
      const valid = await verifyPassword(password, hash ?? (await dummyHash));
      if (!hash || !valid) {
        attempts.failed(email);
        return { error: 'invalid' };
      }
      attempts.succeeded(email);
      // Hashes made with older parameters are upgraded while the password is at hand.
      if (needsRehash(hash, cost)) {
        await Meteor.users.updateAsync(
          { _id: doc._id },
          { $set: { 'services.scrypt.hash': await hashPassword(password, cost) } },
        );
      }
      return { token: await signToken(toUser(doc), config) };
    },
  };
}

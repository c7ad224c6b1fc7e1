import { Meteor } from 'meteor/meteor';
import { Accounts } from 'meteor/accounts-base';
import { config } from '../../../startup/server/config.js';
import { findUserById } from '../users.js';
import { verifyToken } from '../tokens.js';

// Meteor clients log in over DDP with the token from POST /api/auth/login:
//   Accounts.callLoginMethod({ methodArguments: [{ jwt: token }] })
// after which methods and publications see the user as this.userId.
Accounts.registerLoginHandler('jwt', async (options) => {
  if (typeof options?.jwt !== 'string') return undefined; // another handler's login
  try {
    const user = await findUserById(await verifyToken(options.jwt, config));
    if (user) return { userId: user.id };
  } catch {
    // malformed, forged or expired: refused below
  }
  return { error: new Meteor.Error(403, 'Invalid or expired token') };
});

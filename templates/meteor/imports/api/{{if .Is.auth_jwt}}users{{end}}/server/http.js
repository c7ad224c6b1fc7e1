import { WebApp } from 'meteor/webapp';
import { rateLimit } from 'express-rate-limit';
import { findUserById, createAuthService } from '../users.js';
import { verifyToken } from '../tokens.js';
import { validateCredentials } from '../validation.js';

// Express 4 (Meteor 3.0) does not catch a rejected promise: pass it on.
const handle = (fn) => (req, res, next) => fn(req, res, next).catch(next);

const fail = (res, status, error, reason) => res.status(status).json({ error, reason });

/**
 * Middleware: the user of the bearer token in req.user ({ id, email }), or 401.
 */
export function authenticate(config) {
  return handle(async (req, res, next) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    let user = null;
    if (scheme === 'Bearer' && token) {
      try {
        user = await findUserById(await verifyToken(token, config));
      } catch {
        user = null; // malformed, forged or expired: the same answer as no token
      }
    }
    if (!user) {
      fail(res, 401, 'not-authorized', 'A valid bearer token is required');
      return;
    }
    req.user = user;
    next();
  });
}

/** POST /register, POST /login, GET /me. */
export function authRouter(config, { limit = 100, windowMs = 15 * 60 * 1000 } = {}) {
  const auth = createAuthService(config);
  const router = WebApp.express.Router();
  // Per client address; the counts live in this process: give express-rate-limit
  // a shared store (e.g. rate-limit-redis) when running several instances.
  router.use(rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => fail(res, 429, 'too-many-requests', 'Too many requests, try again later'),
  }));

  router.post('/register', handle(async (req, res) => {
    const { value, error } = validateCredentials(req.body, { registering: true });
    if (error) {
      fail(res, 400, 'validation-error', error);
      return;
    }
    const user = await auth.register(value);
    if (!user) {
      fail(res, 409, 'email-taken', 'An account with this email exists');
      return;
    }
    res.status(201).json(user);
  }));

  router.post('/login', handle(async (req, res) => {
    const { value, error } = validateCredentials(req.body);
    if (error) {
      fail(res, 400, 'validation-error', error);
      return;
    }
    const result = await auth.login(value);
    if (result.error === 'locked') {
      res.set('Retry-After', String(result.retryAfter));
      fail(res, 429, 'too-many-requests', 'Too many failed logins, try again later');
      return;
    }
    if (result.error) {
      fail(res, 401, 'invalid-credentials', 'Wrong email or password');
      return;
    }
    res.json({ token: result.token });
  }));

  router.get('/me', authenticate(config), (req, res) => {
    res.json(req.user);
  });
  return router;
}

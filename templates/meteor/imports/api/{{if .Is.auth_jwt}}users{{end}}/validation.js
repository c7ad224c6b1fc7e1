// Validation of credentials, shared by registration and login. Returns
// { value } with the email trimmed and lower-cased, or { error }.

export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 1024; // scrypt hashes anything, but not unbounded input
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateCredentials(body, { registering = false } = {}) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'body must be a JSON object' };
  }
  const { email, password } = body;
  if (typeof email !== 'string' || typeof password !== 'string') {
    return { error: 'email and password must be strings' };
  }
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !EMAIL.test(normalized) || normalized.includes('\0')) {
    return { error: 'email is not a valid address' };
  }
  if (password.length > PASSWORD_MAX_LENGTH || password.includes('\0')) {
    return { error: 'password is not acceptable' };
  }
  if (registering && password.length < PASSWORD_MIN_LENGTH) {
    return { error: `password must be at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  return { value: { email: normalized, password } };
}

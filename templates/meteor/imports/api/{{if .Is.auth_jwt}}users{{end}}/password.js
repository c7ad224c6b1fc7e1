import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

// OWASP's scrypt parameters are N = 2^17, r = 8, p = 1 (128 MiB per hash); the
// cost (log2 of N) comes from PASSWORD_HASH_COST so tests can use a cheap one.
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;
const KEY_LENGTH = 64;
// A stored hash asking for more than this was not made here: it is refused, not computed.
const MAX_COST = 2 ** 20;

function derive(plain, salt, N, r, p, keyLength) {
  // scrypt needs 128 * N * r bytes; allow twice that so Node's 32 MiB default cap is not hit.
  return scryptAsync(plain.normalize('NFKC'), salt, keyLength, {
    N, r, p, maxmem: 256 * N * r,
  });
}

function parse(stored) {
  const [algorithm, N, r, p, salt, key, ...rest] = String(stored).split('$');
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  const valid = algorithm === 'scrypt'
    && rest.length === 0
    && Number.isInteger(Math.log2(params.N))
    && params.N > 1
    && params.N <= MAX_COST
    && [params.r, params.p].every((n) => Number.isInteger(n) && n >= 1 && n <= 16)
    && Boolean(salt)
    && Boolean(key);
  return valid
    ? { ...params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
    : null;
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$key` (salt and key in base64url), so
 * each hash carries the parameters it was made with.
 */
export async function hashPassword(plain, cost) {
  const N = 2 ** cost;
  const salt = randomBytes(16);
  const key = await derive(plain, salt, N, BLOCK_SIZE, PARALLELIZATION, KEY_LENGTH);
  return ['scrypt', N, BLOCK_SIZE, PARALLELIZATION, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a hash from hashPassword, in constant time. */
export async function verifyPassword(plain, stored) {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(plain, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.key.length);
  return timingSafeEqual(actual, parsed.key);
}

/** Whether a hash was made with other parameters than hashPassword(…, cost) uses now. */
export function needsRehash(stored, cost) {
  const parsed = parse(stored);
  return !parsed
    || parsed.N !== 2 ** cost
    || parsed.r !== BLOCK_SIZE
    || parsed.p !== PARALLELIZATION
    || parsed.key.length !== KEY_LENGTH;
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

// scrypt cost parameters (N = 2^15, r = 8, p = 1 needs 32 MiB per hash). They are
// stored with each hash, so raising them later keeps existing passwords valid.
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;
const KEY_LENGTH = 64;

/** Hashes a password as `scrypt$N$r$p$salt$key` (salt and key in base64url). */
export async function hashPassword(plain) {
  const salt = randomBytes(16);
  const key = await derive(plain, salt, COST, BLOCK_SIZE, PARALLELIZATION, KEY_LENGTH);
  return ['scrypt', COST, BLOCK_SIZE, PARALLELIZATION, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a hash from hashPassword, in constant time. */
export async function verifyPassword(plain, stored) {
  const [algorithm, cost, blockSize, parallelization, salt, key] = stored.split('$');
  if (algorithm !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    plain,
    Buffer.from(salt, 'base64url'),
    Number(cost),
    Number(blockSize),
    Number(parallelization),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

function derive(plain, salt, N, r, p, keyLength) {
  // scrypt needs 128 * N * r bytes; allow twice that so the default 32 MiB cap is not hit.
  return scryptAsync(plain.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r });
}

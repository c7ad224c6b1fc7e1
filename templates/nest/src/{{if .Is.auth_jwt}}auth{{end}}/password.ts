import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, stored with every hash. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's parameters for scrypt are N=2^17, r=8, p=1 (128 MiB and roughly a
 * tenth of a second per hash); `cost` is log2(N), from SCRYPT_COST.
 */
export function scryptParams(cost: number): ScryptParams {
  return { N: 2 ** cost, r: 8, p: 1 };
}

const keyLength = 64;

function derive(
  password: string,
  salt: Buffer,
  { N, r, p }: ScryptParams,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      // scrypt needs 128 * N * r bytes; Node refuses more than 32 MiB unless told.
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Returns a self-describing hash: `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(
  password: string,
  params: ScryptParams,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

interface StoredHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): StoredHash | undefined {
  const [scheme, N, r, p, salt, key, ...rest] = stored.split('$');
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  const sane =
    scheme === 'scrypt' &&
    rest.length === 0 &&
    Number.isInteger(Math.log2(params.N)) &&
    params.N <= 2 ** 20 &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= 32 &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= 16 &&
    !!salt &&
    !!key;
  if (!sane) return undefined;
  return {
    params,
    salt: Buffer.from(salt, 'base64url'),
    key: Buffer.from(key, 'base64url'),
  };
}

/** Checks a password against a hash made with any parameters. */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const actual = await derive(password, hash.salt, hash.params);
  return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/** True when the hash was made with other parameters than `params`. */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const hash = parse(stored);
  return (
    !hash ||
    hash.params.N !== params.N ||
    hash.params.r !== params.r ||
    hash.params.p !== params.p
  );
}

import {
  hashPassword,
  needsRehash,
  scryptParams,
  verifyPassword,
} from './password.js';

// A low cost keeps the tests fast; production uses SCRYPT_COST (17 by default).
const params = scryptParams(10);

describe('password hashing', () => {
  it('uses OWASP parameters for the default cost', () => {
    expect(scryptParams(17)).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple', params);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    await expect(
      verifyPassword('correct horse battery staple', hash),
    ).resolves.toBe(true);
    await expect(
      verifyPassword('Correct horse battery staple', hash),
    ).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', params)).not.toBe(
      await hashPassword('same password', params),
    );
  });

  it('verifies hashes made with other parameters, and says they need a rehash', async () => {
    const old = await hashPassword('an older password', scryptParams(11));
    await expect(verifyPassword('an older password', old)).resolves.toBe(true);
    expect(needsRehash(old, params)).toBe(true);
    expect(needsRehash(old, scryptParams(11))).toBe(false);
  });

  it.each(['not-a-hash', 'scrypt$3$8$1$c2FsdA$a2V5', 'scrypt$1024$8$1$$'])(
    'rejects the malformed stored hash %s',
    async (stored) => {
      await expect(verifyPassword('whatever', stored)).resolves.toBe(false);
      expect(needsRehash(stored, params)).toBe(true);
    },
  );
});

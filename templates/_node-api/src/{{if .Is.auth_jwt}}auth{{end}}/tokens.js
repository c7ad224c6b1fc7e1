import { SignJWT, jwtVerify } from 'jose';

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();

/** Issues a signed access token for a user, valid for config.jwtExpiresIn. */
export function signToken(user, config) {
  return new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(String(user.id))
    .setIssuedAt()
    .setExpirationTime(config.jwtExpiresIn)
    .sign(encoder.encode(config.jwtSecret));
}

/** Returns the token's claims; throws when it is malformed, forged or expired. */
export async function verifyToken(token, config) {
  const { payload } = await jwtVerify(token, encoder.encode(config.jwtSecret), {
    algorithms: [ALGORITHM],
    requiredClaims: ['sub', 'exp'],
  });
  return { sub: payload.sub, email: payload.email };
}

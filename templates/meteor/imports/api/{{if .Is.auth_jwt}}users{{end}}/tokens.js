import { SignJWT, errors, jwtVerify } from 'jose';

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();
// Meteor's user ids (Random.id); a token naming anything else was not issued here.
const USER_ID = /^[A-Za-z0-9]{17}$/;

/** Issues a signed access token for a user, valid for config.jwtExpiresIn. */
export function signToken(user, config) {
  return new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(config.jwtExpiresIn)
    .sign(encoder.encode(config.jwtSecret));
}

/**
 * Returns the user id a token was issued for; throws when the token is
 * malformed, forged, expired, or lacks an expiry or a subject.
 */
export async function verifyToken(token, config) {
  const { payload } = await jwtVerify(token, encoder.encode(config.jwtSecret), {
    algorithms: [ALGORITHM],
    requiredClaims: ['sub', 'exp'],
  });
  if (!USER_ID.test(payload.sub)) {
    throw new errors.JWTClaimValidationFailed('"sub" claim is not a user id', payload, 'sub', 'check_failed');
  }
  return payload.sub;
}

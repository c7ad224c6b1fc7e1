import { toId } from '#validators/id'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import { errors, symbols } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import type { AuthClientResponse, GuardContract } from '@adonisjs/auth/types'

/**
 * A JWT guard for @adonisjs/auth, after the "custom auth guard" guide:
 * stateless HS256 bearer tokens whose subject ("sub") is the user id.
 * https://docs.adonisjs.com/guides/auth/custom-auth-guard
 */

/**
 * The user as the guard sees it: an id and the real user object.
 */
export type JwtGuardUser<RealUser> = {
  getId(): string | number | BigInt
  getOriginal(): RealUser
}

/**
 * How the guard finds users. Any user provider with these methods works,
 * e.g. sessionUserProvider() for a Lucid model.
 */
export interface JwtUserProviderContract<RealUser> {
  [symbols.PROVIDER_REAL_USER]: RealUser
  createUserForGuard(user: RealUser): Promise<JwtGuardUser<RealUser>>
  findById(identifier: string | number | BigInt): Promise<JwtGuardUser<RealUser> | null>
}

export type JwtGuardOptions = {
  /**
   * The HMAC secret the tokens are signed with (HS256)
   */
  secret: string

  /**
   * How long a token is valid: a number of seconds or a duration
   * such as "1h"
   */
  expiresIn: string | number
}

export class JwtGuard<
  UserProvider extends JwtUserProviderContract<unknown>,
> implements GuardContract<UserProvider[typeof symbols.PROVIDER_REAL_USER]> {
  #ctx: HttpContext
  #userProvider: UserProvider
  #secret: Uint8Array
  #expiresIn: string | number

  constructor(ctx: HttpContext, userProvider: UserProvider, options: JwtGuardOptions) {
    this.#ctx = ctx
    this.#userProvider = userProvider
    this.#secret = new TextEncoder().encode(options.secret)
    this.#expiresIn = options.expiresIn
  }

  /**
   * The guard emits no events
   */
  declare [symbols.GUARD_KNOWN_EVENTS]: {}

  /**
   * A unique name for the guard driver
   */
  driverName: 'jwt' = 'jwt'

  /**
   * Whether authentication has been attempted during the current request
   */
  authenticationAttempted: boolean = false

  /**
   * Whether the current request has been authenticated
   */
  isAuthenticated: boolean = false

  /**
   * The authenticated user, once authenticate() succeeded
   */
  user?: UserProvider[typeof symbols.PROVIDER_REAL_USER]

  /**
   * Signs a token for the user
   */
  async generate(user: UserProvider[typeof symbols.PROVIDER_REAL_USER]) {
    const providerUser = await this.#userProvider.createUserForGuard(user)
    const token = await new SignJWT()
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(providerUser.getId()))
      .setIssuedAt()
      .setExpirationTime(this.#expiresIn)
      .sign(this.#secret)

    return { type: 'bearer', token }
  }

  /**
   * Authenticates the request from its "Authorization: Bearer <token>"
   * header, or throws E_UNAUTHORIZED_ACCESS (401)
   */
  async authenticate(): Promise<UserProvider[typeof symbols.PROVIDER_REAL_USER]> {
    if (this.authenticationAttempted) {
      return this.getUserOrFail()
    }
    this.authenticationAttempted = true

    const [scheme, token] = (this.#ctx.request.header('authorization') ?? '').split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw this.#unauthorized()
    }

    const subject = await this.#verify(token)
    const providerUser = await this.#userProvider.findById(subject)
    if (!providerUser) {
      throw this.#unauthorized()
    }

    this.user = providerUser.getOriginal()
    this.isAuthenticated = true
    return this.getUserOrFail()
  }

  /**
   * Same as authenticate(), without throwing
   */
  async check(): Promise<boolean> {
    try {
      await this.authenticate()
      return true
    } catch (error) {
      if (error instanceof errors.E_UNAUTHORIZED_ACCESS) {
        return false
      }
      throw error
    }
  }

  /**
   * Returns the authenticated user or throws E_UNAUTHORIZED_ACCESS
   */
  getUserOrFail(): UserProvider[typeof symbols.PROVIDER_REAL_USER] {
    if (!this.user) {
      throw this.#unauthorized()
    }
    return this.user
  }

  /**
   * Used by the Japa api client (loginAs) to authenticate test requests
   */
  async authenticateAsClient(
    user: UserProvider[typeof symbols.PROVIDER_REAL_USER]
  ): Promise<AuthClientResponse> {
    const { token } = await this.generate(user)
    return { headers: { authorization: `Bearer ${token}` } }
  }

  /**
   * Checks the signature (HS256 only) and the expiry, and returns the
   * user id in its subject. A token without "exp" or "sub" is refused,
   * however well signed: it would never expire, or names nobody. So is a
   * subject that cannot be a user id, before it reaches the database.
   */
  async #verify(token: string): Promise<number> {
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
      })
      const id = toId(payload.sub)
      if (id === null) {
        throw this.#unauthorized()
      }
      return id
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) {
        throw this.#unauthorized()
      }
      throw error
    }
  }

  #unauthorized() {
    return new errors.E_UNAUTHORIZED_ACCESS('Unauthorized access', {
      guardDriverName: this.driverName,
    })
  }
}

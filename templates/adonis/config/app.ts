import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The app key is used for encrypting cookies, generating signed URLs,
 * and by the "encryption" module.
 *
 * The encryption module will fail to decrypt data if the key is lost or
 * changed. Therefore it is recommended to keep the app key secure.
 */
export const appKey = env.get('APP_KEY')

/**
 * Which peers may say who the client is (X-Forwarded-For): none unless
 * TRUST_PROXY says so (start/env.ts). request.ip(), and so the rate limits,
 * use it.
 */
const trustProxy = env.get('TRUST_PROXY')

/**
 * The configuration settings used by the HTTP server
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  trustProxy:
    typeof trustProxy === 'number'
      ? (_address: string, distance: number) => distance < trustProxy
      : trustProxy,

  /**
   * Enabling async local storage will let you access HTTP context
   * from anywhere inside your application.
   */
  useAsyncLocalStorage: false,

  /**
   * The API sets no cookies of its own; these are the defaults for any
   * that a package sets.
   */
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})

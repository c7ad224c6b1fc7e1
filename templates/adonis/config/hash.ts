import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * Passwords are hashed with scrypt, built into Node.js: no native module.
 * OWASP's parameters by default (N=2^17, r=8, p=1); SCRYPT_COST sets N, so
 * the tests run with a cheap one. Every hash records its parameters, and a
 * login rehashes a password whose hash has others (auth_controller.ts).
 */
const cost = env.get('SCRYPT_COST', 2 ** 17)

const hashConfig = defineConfig({
  default: 'scrypt',

  list: {
    scrypt: drivers.scrypt({
      cost,
      blockSize: 8,
      parallelization: 1,
      /**
       * 128 * N * r bytes are needed; twice OWASP's, so hashes made with
       * those parameters still verify under a lower cost
       */
      maxMemory: 2 * 128 * Math.max(cost, 2 ** 17) * 8,
    }),
  },
})

export default hashConfig

/**
 * Inferring types for the list of hashers you have configured
 * in your application.
 */
declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}

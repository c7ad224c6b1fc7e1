import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/**
 * "*" (the default) allows every origin; otherwise CORS_ORIGIN lists the
 * allowed origins, separated by commas.
 *
 * https://docs.adonisjs.com/guides/security/cors
 */
const allowedOrigins = env.get('CORS_ORIGIN', '*')

const corsConfig = defineConfig({
  enabled: true,
  origin: allowedOrigins === '*' ? '*' : allowedOrigins.split(',').map((origin) => origin.trim()),
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: [],
  credentials: false,
  maxAge: 90,
})

export default corsConfig

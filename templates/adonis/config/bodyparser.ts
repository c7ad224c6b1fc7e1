import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  /**
   * The bodyparser middleware will parse the request body
   * for the following HTTP methods.
   */
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],

  /**
   * Config for the "application/x-www-form-urlencoded"
   * content-type parser
   */
  form: {
    convertEmptyStringsToNull: true,
    limit: '100kb',
    types: ['application/x-www-form-urlencoded'],
  },

  /**
   * Config for the JSON parser. A larger body is refused with 413. Strings
   * stay as sent: JSON has a null of its own, so an empty string stays a
   * string (and fails validation where one is not allowed), and the
   * validators trim where trimming is meant (emails, todo titles).
   */
  json: {
    convertEmptyStringsToNull: false,
    trimWhitespaces: false,
    limit: '100kb',
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },

  /**
   * Config for the "multipart/form-data" content-type parser.
   * The API takes no file uploads.
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '100kb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig

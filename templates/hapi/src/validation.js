import Joi from 'joi';

/**
 * A Joi string that every database of the app can store: PostgreSQL refuses
 * NUL characters, and a lone UTF-16 surrogate is not a character at all.
 */
export const storableString = () =>
  Joi.string()
    .custom((value, helpers) => (value.isWellFormed() && !value.includes('\0') ? value : helpers.error('string.storable')))
    .messages({ 'string.storable': '{{#label}} must be text without NUL characters' });

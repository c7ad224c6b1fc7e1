import vine from '@vinejs/vine'

/**
 * A title every database here can store: 1 to 200 characters (the
 * column's size) and no NUL character, which PostgreSQL's text refuses
 */
const title = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(200)
    .regex(/^[^\0]*$/)

/**
 * Validates the body of POST /api/todos
 */
export const createTodoValidator = vine.create({
  title: title(),
})

/**
 * Validates the body of PATCH /api/todos/:id: every field is optional
 */
export const updateTodoValidator = vine.create({
  title: title().optional(),
  done: vine.boolean({ strict: true }).optional(),
})

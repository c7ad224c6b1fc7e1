/**
 * The largest row id: PostgreSQL's integer, the narrowest of the id
 * columns of the databases this app runs on
 */
export const MAX_ID = 2_147_483_647

/**
 * A route parameter or a token subject as a row id, or null when it cannot
 * be one (so it is a 404 or a 401 without asking the database, which
 * would refuse a number out of its range with an error)
 */
export function toId(value: unknown): number | null {
  const id = typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value
  return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= MAX_ID ? id : null
}

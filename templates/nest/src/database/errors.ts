const uniqueViolationCodes = new Set([
  'SQLITE_CONSTRAINT_UNIQUE', // better-sqlite3
  '23505', // PostgreSQL unique_violation
  'ER_DUP_ENTRY', // MySQL / MariaDB
]);

/** True when a database error (or one it wraps) is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error;) {
    const { code, driverError, cause } = current as Error & {
      code?: unknown;
      driverError?: unknown;
    };
    if (typeof code === 'string' && uniqueViolationCodes.has(code)) return true;
    current = driverError ?? cause;
  }
  return false;
}

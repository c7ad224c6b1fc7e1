/**
 * Validates `req.body` against a zod schema: a 400 listing every problem, or
 * the parsed (trimmed, defaulted, stripped) body in place of the raw one.
 */
export function validateBody(schema) {
  return (req, res, next) => {
    const result = schema.safeParse(req.body);
    if (!result.success) {
      return res.status(400).json({
        error: 'Invalid request body',
        issues: result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message })),
      });
    }
    req.body = result.data;
    next();
  };
}

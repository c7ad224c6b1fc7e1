/**
 * Validates the JSON body against a zod schema: a 400 listing every problem, or
 * the parsed (trimmed, defaulted, stripped) body in place of the raw one.
 */
export function validateBody(schema) {
  return async function validateBody(ctx, next) {
    const result = schema.safeParse(ctx.request.body);
    if (!result.success) {
      ctx.throw(400, 'Invalid request body', {
        issues: result.error.issues.map(({ path, message }) => ({ path: path.join('.'), message })),
      });
    }
    ctx.request.body = result.data;
    await next();
  };
}

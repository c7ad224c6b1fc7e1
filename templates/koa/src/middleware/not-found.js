/** Answers every request no route matched. */
export function notFound(ctx) {
  ctx.status = 404;
  ctx.body = { error: `Cannot ${ctx.method} ${ctx.path}` };
}

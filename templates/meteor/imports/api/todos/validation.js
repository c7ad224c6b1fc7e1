// Validation of todo input, shared by the HTTP API and the methods. Each
// function returns { value } or { error } (a message for the client).

export const TITLE_MAX_LENGTH = 200;

const isObject = (body) => body !== null && typeof body === 'object' && !Array.isArray(body);

function checkTitle(title) {
  if (typeof title !== 'string') return 'title must be a string';
  const trimmed = title.trim();
  if (trimmed.length === 0) return 'title must not be empty';
  if (trimmed.length > TITLE_MAX_LENGTH) return `title must be at most ${TITLE_MAX_LENGTH} characters`;
  if (trimmed.includes('\0')) return 'title must not contain NUL characters';
  return null;
}

/** A new todo: { title }. */
export function validateNewTodo(body) {
  if (!isObject(body)) return { error: 'body must be a JSON object' };
  const error = checkTitle(body.title);
  return error ? { error } : { value: { title: body.title.trim() } };
}

/** Changes to a todo: { title?, done? }, at least one of them. */
export function validateTodoChanges(body) {
  if (!isObject(body)) return { error: 'body must be a JSON object' };
  const value = {};
  if (body.title !== undefined) {
    const error = checkTitle(body.title);
    if (error) return { error };
    value.title = body.title.trim();
  }
  if (body.done !== undefined) {
    if (typeof body.done !== 'boolean') return { error: 'done must be true or false' };
    value.done = body.done;
  }
  if (Object.keys(value).length === 0) return { error: 'give title or done' };
  return { value };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TITLE_MAX_LENGTH, validateNewTodo, validateTodoChanges } from '../../imports/api/todos/validation.js';

describe('todo validation', () => {
  it('accepts a title and trims it', () => {
    assert.deepEqual(validateNewTodo({ title: '  Buy milk ' }), { value: { title: 'Buy milk' } });
  });

  it('refuses missing, empty, over-long, NUL-holding and non-string titles', () => {
    [{}, { title: '' }, { title: '   ' }, { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }, { title: 'a\0b' }, { title: 42 }]
      .forEach((body) => assert.ok(validateNewTodo(body).error, JSON.stringify(body)));
  });

  it('refuses bodies that are not objects', () => {
    [null, 0, '', 'text', [], [{ title: 'x' }], true]
      .forEach((body) => assert.ok(validateNewTodo(body).error, JSON.stringify(body)));
  });

  it('takes title and done as changes, at least one', () => {
    assert.deepEqual(validateTodoChanges({ done: true }), { value: { done: true } });
    assert.deepEqual(validateTodoChanges({ title: ' New ' }), { value: { title: 'New' } });
    assert.ok(validateTodoChanges({}).error);
    assert.ok(validateTodoChanges({ done: 'yes' }).error);
    assert.ok(validateTodoChanges({ title: '' }).error);
  });
});

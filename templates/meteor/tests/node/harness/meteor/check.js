// check(value, pattern) for the patterns this app uses: String, Object,
// Boolean and Number; a mismatch throws Match.Error, as Meteor's does.
class MatchError extends Error {
  constructor(message) {
    super(`Match error: ${message}`);
    this.errorType = 'Match.Error';
  }
}

const tests = new Map([
  [String, (v) => typeof v === 'string'],
  [Number, (v) => typeof v === 'number'],
  [Boolean, (v) => typeof v === 'boolean'],
  [Object, (v) => v !== null && typeof v === 'object' && !Array.isArray(v)],
]);

export function check(value, pattern) {
  const test = tests.get(pattern);
  if (!test) throw new Error('the test harness does not know this pattern');
  if (!test(value)) throw new MatchError(`Expected ${pattern.name}`);
}

export const Match = { Error: MatchError };

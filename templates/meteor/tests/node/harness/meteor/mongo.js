// An in-memory stand-in for Mongo.Collection's server-side async API: just
// what this app calls, with MongoDB's matching for equality on (dotted) fields.
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const randomId = () => Array.from({ length: 17 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

// The values at a dotted path, through arrays, as MongoDB matches them.
function valuesAt(doc, path) {
  return path.split('.').reduce(
    (values, key) => values.flatMap((v) => {
      if (Array.isArray(v)) return v.map((item) => item?.[key]);
      return v === null || typeof v !== 'object' ? [] : [v[key]];
    }),
    [doc],
  ).flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
}

const matches = (doc, selector) => Object.entries(selector)
  .every(([path, want]) => valuesAt(doc, path).some((v) => v === want));

function setPath(doc, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((obj, key) => {
    if (obj[key] === null || typeof obj[key] !== 'object') Object.assign(obj, { [key]: {} });
    return obj[key];
  }, doc);
  parent[last] = value;
}

function compare(sort) {
  return (a, b) => Object.entries(sort ?? {}).reduce((order, [field, direction]) => {
    if (order !== 0) return order;
    const [x, y] = [valuesAt(a, field)[0], valuesAt(b, field)[0]];
    if (x < y) return -direction;
    return x > y ? direction : 0;
  }, 0);
}

export class Collection {
  constructor(name) {
    this.name = name;
    this.docs = new Map();
    this.uniqueFields = [];
  }

  find(selector = {}, options = {}) {
    const select = () => [...this.docs.values()]
      .filter((doc) => matches(doc, selector))
      .sort(compare(options.sort))
      .map((doc) => structuredClone(doc));
    return {
      collection: this,
      selector,
      options,
      fetchAsync: async () => select(),
      countAsync: async () => select().length,
    };
  }

  async findOneAsync(selector = {}, options = {}) {
    const [doc] = await this.find(selector, options).fetchAsync();
    return doc;
  }

  async insertAsync(doc) {
    const stored = structuredClone({ _id: randomId(), ...doc });
    this.checkUnique(stored);
    this.docs.set(stored._id, stored);
    return stored._id;
  }

  async updateAsync(selector, modifier) {
    const found = [...this.docs.values()].find((doc) => matches(doc, selector));
    if (!found) return 0;
    const updated = structuredClone(found);
    Object.entries(modifier.$set ?? {}).forEach(([path, value]) => setPath(updated, path, value));
    this.checkUnique(updated);
    this.docs.set(updated._id, updated);
    return 1;
  }

  async removeAsync(selector) {
    const found = [...this.docs.values()].filter((doc) => matches(doc, selector));
    found.forEach((doc) => this.docs.delete(doc._id));
    return found.length;
  }

  async createIndexAsync(keys, options = {}) {
    if (options.unique) this.uniqueFields.push(...Object.keys(keys));
  }

  checkUnique(doc) {
    this.uniqueFields.forEach((field) => {
      const taken = valuesAt(doc, field).filter((v) => v !== undefined);
      const clash = [...this.docs.values()].some((other) => other._id !== doc._id
        && valuesAt(other, field).some((v) => taken.includes(v)));
      if (clash) {
        throw Object.assign(new Error(`E11000 duplicate key error: ${this.name}.${field}`), { code: 11000 });
      }
    });
  }

  // /health pings the database; this one always answers.
  // eslint-disable-next-line class-methods-use-this
  rawDatabase() {
    return { command: async () => ({ ok: 1 }) };
  }
}

export const Mongo = { Collection };

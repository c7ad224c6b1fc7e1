// A stand-in for the `meteor` package's server API that this app calls.
import { Mongo } from './mongo.js';

class MeteorError extends Error {
  constructor(error, reason, details) {
    super(reason ? `${reason} [${error}]` : `[${error}]`);
    Object.assign(this, {
      error, reason, details, errorType: 'Meteor.Error',
    });
  }
}

// What the app registered, for the tests and serve.js to run.
export const registered = { startup: [], methods: {}, publications: {} };

export const Meteor = {
  isServer: true,
  isClient: false,
  settings: {},
  Error: MeteorError,
  users: new Mongo.Collection('users'),
  startup(callback) {
    registered.startup.push(callback);
  },
  methods(handlers) {
    Object.entries(handlers).forEach(([name, handler]) => {
      if (registered.methods[name]) throw new Error(`A method named '${name}' is already defined`);
      registered.methods[name] = handler;
    });
  },
  publish(name, handler) {
    registered.publications[name] = handler;
  },
};

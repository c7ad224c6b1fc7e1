// Accounts.registerLoginHandler, keeping the handlers for the tests.
export const loginHandlers = new Map();

export const Accounts = {
  registerLoginHandler(name, handler) {
    loginHandlers.set(name, handler);
  },
};

// Starts the app's server code under Node.js with the stubbed meteor/*
// packages: imports server/main.js, runs the Meteor.startup callbacks, then
// serves WebApp.handlers over HTTP. It checks our handlers; it is not Meteor.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { WebApp } from 'meteor/webapp';
import { registered } from 'meteor/meteor';

export async function startApp({ port = 0, host = '127.0.0.1' } = {}) {
  await import('../../../server/main.js');
  await registered.startup.reduce((done, callback) => done.then(callback), Promise.resolve());
  const server = createServer(WebApp.handlers);
  server.listen(port, host);
  await once(server, 'listening');
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

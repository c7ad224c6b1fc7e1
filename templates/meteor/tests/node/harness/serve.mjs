// node tests/node/harness/serve.mjs: the app's HTTP API under plain Node.js, for
// the contract test (PORT, HOST from the environment). Not for production:
// Meteor runs the app (meteor run, meteor build).
import './register.mjs';

const { startApp } = await import('./app.js');
const app = await startApp({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'listening', url: app.url })}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

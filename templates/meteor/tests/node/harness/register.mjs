// node --import ./tests/node/harness/register.mjs: resolves meteor/* imports to
// the stubs in ./meteor, so the app's modules run under plain Node.js.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);

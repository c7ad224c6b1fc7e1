/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers @poppinss/ts-exec, so Node.js runs the TypeScript sources, then
| imports bin/console.ts. `node ace build` writes a plain JavaScript copy of
| this file to build/.
|
*/

import '@poppinss/ts-exec'

await import('./bin/console.js')

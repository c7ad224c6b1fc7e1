// The entry point. Stop signals are handled from the first moment (node as
// PID 1 in a container ignores SIGTERM until it has a handler); only then are
// the application's modules loaded, which takes a while, and started.
import './lifecycle.js';

await import('./bootstrap.js');

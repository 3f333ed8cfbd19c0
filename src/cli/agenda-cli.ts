/**
 * The entry of csp agenda's own file of the bundle (dist/agenda-cli.js, see scripts/build.js):
 * the same command line and Io as dist/main.js and dist/io.js, in one file.
 */
export { main } from './main.js';
export { realIo } from './io.js';

// Runs a WASI (preview1) command module the way the JUnit tests need it: argv ["x"], no
// environment, no preopened directories; stdout/stderr are the process's own, and the module's
// exit code becomes the process's. A trap surfaces as an uncaught RuntimeError (exit code 1).
import { readFile } from 'node:fs/promises';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: ['x'], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));

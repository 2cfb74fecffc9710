// Runs in a fresh Node process: imports one bundle and prints how long the import took, measured
// in-process so process start-up (the same for every bundle) is left out.
const started = performance.now();
const module = await import(process.argv[2]);
const importMs = performance.now() - started;
if (typeof module.handler !== "function") throw new Error(`${process.argv[2]} exports no handler`);
process.stdout.write(JSON.stringify({ importMs }));

/**
 * Entry of the `dlthub` binary. `--version` is answered before anything else is loaded; everything
 * else goes through the parser, and every failure ends here: `error:` + `hint:` on stderr and the exit
 * code carried by the error (0 ok, 1 failure, 2 usage, 130 cancelled).
 */
const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
  // Straight to fd 1: building process.stdout costs more than answering.
  (require('node:fs') as typeof import('node:fs')).writeSync(
    1,
    `${(require('./version') as typeof import('./version')).version}\n`,
  );
} else {
  void (require('./run') as typeof import('./run')).run(argv).then((code) => {
    process.exitCode = code;
  });
}

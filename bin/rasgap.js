#!/usr/bin/env node
// Thin launcher: the CLI lives in the built code (npm install runs the build). `--version` alone
// answers without loading the CLI, so that it costs little more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}

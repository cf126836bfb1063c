// node:child_process for commander in the one-file CLI (scripts/bundle.mjs). commander requires it
// when it loads, for subcommands that are programs of their own, which rasgap has none of;
// loading it (with net and dgram) took about 5 ms of every run. This requires it on first use.
'use strict';

module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });

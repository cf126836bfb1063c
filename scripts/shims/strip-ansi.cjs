// strip-ansi 6 (string-width's, which cli-table3 measures every cell with) for the one-file CLI
// (scripts/bundle.mjs), with a shortcut: every sequence ansi-regex matches starts with ESC
// (U+001B) or CSI (U+009B), so a string with neither comes back as it is, without ansi-regex
// building its expression again for each cell (about 5 ms of a council's tables, run cold).
// test/bundle.test.ts checks it against strip-ansi.
'use strict';

const ansiRegex = require('ansi-regex');

module.exports = (string) =>
  typeof string !== 'string' || (!string.includes('\u001B') && !string.includes('\u009B'))
    ? string
    : string.replace(ansiRegex(), '');

// string-width 4 (which cli-table3 and src/report/layout.ts measure text with) for the one-file CLI
// (scripts/bundle.mjs), with a shortcut: text of printable ASCII and "£" alone is as wide as it is
// long (string-width counts each such character as one column, and no escape or emoji sequence is
// made of them), so it is not run through the emoji expression and the loop over its characters
// (a few milliseconds of a council's tables, run cold). test/bundle.test.ts checks it against
// string-width.
'use strict';

const stringWidth = require('string-width');

const PLAIN = /^[\x20-\x7e\xa3]*$/;

const quickStringWidth = (string) =>
  typeof string === 'string' && PLAIN.test(string) ? string.length : stringWidth(string);

module.exports = quickStringWidth;
module.exports.default = quickStringWidth;

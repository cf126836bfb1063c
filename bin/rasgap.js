#!/usr/bin/env node
// Thin launcher: the CLI lives in the built code (npm install runs the build).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);

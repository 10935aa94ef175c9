#!/usr/bin/env node
require('../dist/infra/cli/main.js');

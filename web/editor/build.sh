#!/usr/bin/env bash
# Rebuilds src/cli/serve/editor.js from the pinned npm packages in
# package.json (and package-lock.json). Needs Node and npm; building and
# testing promocase does not: the bundle is committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx --no-install esbuild entry.js --bundle --minify --format=iife \
  --global-name=PromocaseEditor --target=es2020 \
  --legal-comments=eof --outfile=../../src/cli/serve/editor.js
echo "wrote src/cli/serve/editor.js ($(wc -c < ../../src/cli/serve/editor.js) bytes)"

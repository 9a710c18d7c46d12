#!/usr/bin/env bash
# Shrinks a TeaVM module with binaryen's wasm-opt -Oz (only the proposals TeaVM emits stay
# enabled) and prints both sizes. Without wasm-opt the raw module is shipped as is.
set -euo pipefail
raw=$1 out=$2
if command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$raw" -o "$out"
  echo "wasm: $(basename "$(dirname "$(dirname "$out")")") raw $(stat -c %s "$raw") B, wasm-opt -Oz $(stat -c %s "$out") B"
else
  cp "$raw" "$out"
  echo "wasm: wasm-opt not found, shipping the raw module ($(stat -c %s "$raw") B)"
fi

#!/usr/bin/env bash
# Shrinks a TeaVM module for Proxy-Wasm hosts and prints both sizes:
#  1. wasm-metadce drops every export a Proxy-Wasm host does not call (TeaVM's `_start`, whose
#     argument decoding pulls in charset decoders, and its JS-interop `teavm_*` helpers), and
#     the code only they reached;
#  2. wasm-opt -Oz, with only the proposals TeaVM emits enabled.
# Without binaryen the raw module is shipped as is.
set -euo pipefail
raw=$1 out=$2
features=(--enable-bulk-memory --enable-nontrapping-float-to-int)
name=$(basename "$(dirname "$(dirname "$out")")")
if ! command -v wasm-opt >/dev/null 2>&1 || ! command -v wasm-metadce >/dev/null 2>&1 \
    || ! command -v wasm-objdump >/dev/null 2>&1; then
  cp "$raw" "$out"
  echo "wasm: $name: binaryen/wabt not found, shipping the raw module ($(stat -c %s "$raw") B)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The reachability graph: one root reaching the exports hosts use; every other export is a
# node nobody reaches, so metadce removes it.
{
  echo '[{"name":"host","root":true,"reaches":['
  wasm-objdump -x -j Export "$raw" | sed -n 's/.* -> "\(.*\)"$/\1/p' \
    | grep -E '^(memory|_initialize|malloc|proxy_.*)$' | sed 's/.*/"e_&"/' | paste -sd, -
  echo ']}'
  wasm-objdump -x -j Export "$raw" | sed -n 's/.* -> "\(.*\)"$/\1/p' | sed 's/.*/,{"name":"e_&","export":"&"}/'
  echo ']'
} > "$work/graph.json"
wasm-metadce "$raw" --graph-file "$work/graph.json" "${features[@]}" -o "$work/dce.wasm" > /dev/null
wasm-opt -Oz "${features[@]}" "$work/dce.wasm" -o "$out"
echo "wasm: $name: raw $(stat -c %s "$raw") B, shipped (unused exports removed, wasm-opt -Oz) $(stat -c %s "$out") B"

#!/usr/bin/env bash
# Builds the libFuzzer target Tests/Fuzz/FuzzInput.swift (coverage + AddressSanitizer) and runs it for a
# fixed number of inputs over decode + CSV read + layout + header binding + normalize + rules. `make fuzz`.
#
#   FUZZ_RUNS=20000      inputs to run (libFuzzer -runs)
#   FUZZ_SEED=N          libFuzzer's random seed (default: libFuzzer picks one and prints it)
#   FUZZ_ARGS="..."      more libFuzzer flags, e.g. "-max_total_time=600"
#   FUZZ_SCRATCH=dir     build folder (default .build-fuzz; .gitignore covers .build-*/)
#
# Recipe: SwiftPM compiles the library and its dependencies with `-sanitize=fuzzer,address` (a compile-only
# build of the CommuneETL target: no product is linked, so libFuzzer's main meets no other main); swiftc then
# links the harness with those objects (the vendored libdeflate among them), libcsv and zlib into one binary.
# The harness is not part of the package (SwiftPM compiles Tests/CommuneETLTests only).
#
# Exits non-zero when libFuzzer reports a crash, a Swift trap, a sanitizer report, a timeout (10 s per input)
# or running out of memory; the input is written to $FUZZ_SCRATCH/artifacts/. Leak detection is off: Swift
# stores flags in the spare bits of some pointers (strings, once-initialized globals), so LeakSanitizer
# reports reachable memory as leaked.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-swift}"
SWIFTC="${SWIFTC:-swiftc}"
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
case "$SCRATCH" in /*) ;; *) SCRATCH="$ROOT/$SCRATCH" ;; esac
RUNS="${FUZZ_RUNS:-20000}"
SANITIZE="fuzzer,address"

mkdir -p "$SCRATCH"
echo "== building CommuneETL with -sanitize=$SANITIZE into $SCRATCH (log: $SCRATCH/build.log)"
"$SWIFT" build -c debug --scratch-path "$SCRATCH" --target CommuneETL -Xswiftc "-sanitize=$SANITIZE" >"$SCRATCH/build.log" 2>&1 \
  || { tail -n 40 "$SCRATCH/build.log" >&2; echo "fuzz: swift build failed" >&2; exit 1; }
BIN="$("$SWIFT" build -c debug --scratch-path "$SCRATCH" --show-bin-path)"

# The objects of the current sources only (output-file-map.json lists them): a removed source file's stale
# object must not be linked.
objects_of() {
  local map="$BIN/$1.build/output-file-map.json"
  test -f "$map" || { echo "fuzz: $map missing" >&2; exit 1; }
  grep -o '"object": *"[^"]*"' "$map" | sed 's/^"object": *"//; s/"$//'
}
mapfile -t OBJECTS < <(objects_of CommuneETL; objects_of Yams; objects_of Logging; find "$BIN/CYaml.build" "$BIN/CLibDeflate.build" "$BIN/CSHA256.build" "$BIN/CPrefetch.build" "$BIN/CWriteback.build" "$BIN/CByteScan.build" -name '*.o' | sort)
CYAML_INCLUDE="$(find "$SCRATCH/checkouts" -type d -path '*/Sources/CYaml/include' | head -n 1)"
test -n "$CYAML_INCLUDE" || { echo "fuzz: Yams' CYaml headers not found under $SCRATCH/checkouts" >&2; exit 1; }

echo "== linking $SCRATCH/fuzz-input (${#OBJECTS[@]} objects)"
# An absolute path for the harness, so that its #filePath finds the repository from any folder.
"$SWIFTC" "-sanitize=$SANITIZE" -parse-as-library -swift-version 6 -g \
  -I "$BIN/Modules" -I Sources/CLibCSV -I Sources/CZlib -I Sources/CLibDeflate/include -Xcc -fmodule-map-file="$BIN/CLibDeflate.build/module.modulemap" -I Sources/CSHA256/include -Xcc -fmodule-map-file="$BIN/CSHA256.build/module.modulemap" \
  -I Sources/CPrefetch/include -Xcc -fmodule-map-file="$BIN/CPrefetch.build/module.modulemap" \
  -I Sources/CWriteback/include -Xcc -fmodule-map-file="$BIN/CWriteback.build/module.modulemap" \
  -I Sources/CByteScan/include -Xcc -fmodule-map-file="$BIN/CByteScan.build/module.modulemap" -I "$CYAML_INCLUDE" \
  "$ROOT/Tests/Fuzz/FuzzInput.swift" "$ROOT/Tests/CommuneETLTests/Ingest/LibCSVReference.swift" \
  "$ROOT/Tests/CommuneETLTests/Ingest/ReadRecord.swift" "${OBJECTS[@]}" -lcsv -lz -o "$SCRATCH/fuzz-input" >"$SCRATCH/link.log" 2>&1 \
  || { grep -v "ld.gold: warning: Cannot export local symbol" "$SCRATCH/link.log" | tail -n 40 >&2; echo "fuzz: link failed" >&2; exit 1; }
# (ld.gold warns "Cannot export local symbol '__asan_...'" by the hundred: harmless, kept in link.log.)

# libFuzzer writes new inputs to the first folder only: the seeds stay as they are.
mkdir -p "$SCRATCH/corpus" "$SCRATCH/artifacts" "$SCRATCH/work"
rm -rf "$SCRATCH/work"/*
ARGS=(-runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1
      -artifact_prefix="$SCRATCH/artifacts/")
if [ -n "${FUZZ_SEED:-}" ]; then ARGS+=(-seed="$FUZZ_SEED"); fi
# shellcheck disable=SC2206
if [ -n "${FUZZ_ARGS:-}" ]; then ARGS+=($FUZZ_ARGS); fi

echo "== fuzzing: $RUNS runs"
started=$SECONDS
status=0
# SWIFT_BACKTRACE off: the Swift backtracer, started by a trap under libFuzzer, waits forever.
FUZZ_PIPELINES="$ROOT/Pipelines" FUZZ_WORK="$SCRATCH/work" \
  ASAN_OPTIONS="detect_leaks=0:malloc_context_size=4:${ASAN_OPTIONS:-}" SWIFT_BACKTRACE="enable=no" \
  "$SCRATCH/fuzz-input" "${ARGS[@]}" "$SCRATCH/corpus" Tests/Fuzz/corpus Pipelines/reference/encodings/samples \
  || status=$?
echo "== fuzz: exit $status after $((SECONDS - started)) s; corpus $(find "$SCRATCH/corpus" -type f | wc -l) inputs"
if [ "$status" -eq 72 ]; then
  echo "fuzz: interrupted (Ctrl-C): no finding" >&2
  exit "$status"
elif [ "$status" -ne 0 ]; then
  echo "fuzz: FINDING: see the report above; the input is in $SCRATCH/artifacts/:" >&2
  ls -t "$SCRATCH/artifacts" | head -n 5 >&2
  echo "reproduce: FUZZ_PIPELINES=$ROOT/Pipelines ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no $SCRATCH/fuzz-input <input>" >&2
  exit "$status"
fi

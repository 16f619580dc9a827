#!/usr/bin/env bash
# Runs the job on the demo inbox (SampleData/inbox), then checks report.html two ways and renders it:
#   1. statically: no <script, <link, <img, <iframe, @import, url(, src= and no http:// or https:// at all
#      (the page must open from a USB stick with no network);
#   2. in headless Chromium through the DevTools protocol (render.py): the page must log no console error
#      or exception and make no request but file: and data:, and it is shot whole at 1280 px (laptop) and
#      390 px (phone) wide.
#
#   bash Tests/Report/screenshot.sh            (part of `make test`; `make deps` installs chromium)
#   REPORT_SHOTS=/tmp/shots bash Tests/Report/screenshot.sh   keeps the PNGs there (default: .build/report-shots)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SHOTS="${REPORT_SHOTS:-$ROOT/.build/report-shots}"
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$CHROMIUM" ] || { echo "screenshot.sh: chromium is not installed (make deps installs it)" >&2; exit 1; }
BIN="$(cd "$ROOT" && swift build --show-bin-path)/commune-etl"
[ -x "$BIN" ] || (cd "$ROOT" && swift build >/dev/null)
cp -r "$ROOT/SampleData/inbox" "$WORK/inbox"
# Exit 65 means some inputs were refused or held back: the demo inbox plants such files on purpose.
"$BIN" run --inbox "$WORK/inbox" --out "$WORK/out" --pipelines "$ROOT/Pipelines" || [ $? -eq 65 ]
PAGE="$WORK/out/current/report.html"

if grep -n -o -i -E '<script|<link|<img|<iframe|@import|url\(|src=|https?://' "$PAGE" | head -5 | grep .; then
  echo "screenshot.sh: report.html refers to something outside itself (above)" >&2
  exit 1
fi
mkdir -p "$SHOTS"
python3 "$ROOT/Tests/Report/render.py" "$CHROMIUM" "$PAGE" "$SHOTS/report" 1280 390
echo "report.html: self-contained, no console error, no network request; PNGs in $SHOTS"

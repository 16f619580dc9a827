#!/usr/bin/env bash
# Runs the job on the demo inbox (SampleData/inbox) and checks the published dataset with the reference
# validator of Frictionless Data: every table against its schema (types, constraints, primary keys, foreign
# keys to communes, indicators and targets) and every file against its size and SHA-256 in datapackage.json.
#
#   bash Tests/DataPackage/validate.sh        (part of `make test`)
#
# frictionless is installed with pip into .build/frictionless-venv on first use (PyPI).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VENV="$ROOT/.build/frictionless-venv"
if ! "$VENV/bin/frictionless" --version >/dev/null 2>&1; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "frictionless>=5,<6"
fi
BIN="$(cd "$ROOT" && swift build --show-bin-path)/commune-etl"
[ -x "$BIN" ] || (cd "$ROOT" && swift build >/dev/null)
cp -r "$ROOT/SampleData/inbox" "$WORK/inbox"
# Exit 65 means some inputs were refused or held back: the demo inbox plants such files on purpose.
"$BIN" run --inbox "$WORK/inbox" --out "$WORK/out" --pipelines "$ROOT/Pipelines" || [ $? -eq 65 ]
"$VENV/bin/frictionless" validate "$WORK/out/current/datapackage.json"
echo "datapackage: valid"

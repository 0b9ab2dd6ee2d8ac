#!/usr/bin/env bash
# Tests scripts/check-imports.py on temporary copies of Sources/ and docs/architecture.md: the real tree passes, and
# each kind of violation fails with the file, the line and the import named. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
checker="$PWD/scripts/check-imports.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Copies the real tree to a fresh directory and prints its path.
fresh_copy() {
    local copy
    copy=$(mktemp -d "$work/tree.XXXXXX")
    mkdir -p "$copy/docs"
    cp -R Sources "$copy/Sources"
    cp docs/architecture.md "$copy/docs/"
    echo "$copy"
}

# expect_failure NAME TREE TEXT: the checker must exit 1 and print TEXT.
expect_failure() {
    local name=$1 tree=$2 text=$3 output status=0
    output=$(python3 "$checker" --root "$tree" 2>&1) || status=$?
    if [[ $status -ne 1 ]] || ! grep -qF -- "$text" <<<"$output"; then
        echo "FAIL $name: expected exit 1 and '$text', got exit $status:" >&2
        echo "$output" >&2
        failures=$((failures + 1))
    else
        echo "ok   $name"
    fi
}

# expect_success NAME TREE: the checker must exit 0.
expect_success() {
    local name=$1 tree=$2 output status=0
    output=$(python3 "$checker" --root "$tree" 2>&1) || status=$?
    if [[ $status -ne 0 ]]; then
        echo "FAIL $name: expected exit 0, got exit $status:" >&2
        echo "$output" >&2
        failures=$((failures + 1))
    else
        echo "ok   $name"
    fi
}

expect_success "the real tree passes" "$(fresh_copy)"

tree=$(fresh_copy)
file="$tree/Sources/ControlProtocol/Bad.swift"
printf 'import Foundation\nimport Store\n' >"$file"
expect_failure "a pure module importing the store" "$tree" \
    "Sources/ControlProtocol/Bad.swift:2: import Store is not allowed in ControlProtocol"

tree=$(fresh_copy)
printf '#if canImport(Glibc)\n    @preconcurrency import Glibc\n#endif\n' >"$tree/Sources/Scheduling/Bad.swift"
expect_failure "an indented, attributed system-call import in Scheduling" "$tree" \
    "Sources/Scheduling/Bad.swift:2: import Glibc is not allowed in Scheduling"

tree=$(fresh_copy)
printf 'public import struct CALSA.snd_pcm_t\n' >"$tree/Sources/Playout/Bad.swift"
expect_failure "a C wrapper used outside its owner" "$tree" "import CALSA is not allowed in Playout"

tree=$(fresh_copy)
mkdir "$tree/Sources/Unlisted"
printf 'import Foundation\n' >"$tree/Sources/Unlisted/A.swift"
expect_failure "a module with no row" "$tree" "Sources/Unlisted: module has no row"

tree=$(fresh_copy)
sed -i '/^| `Playout` |/s/ |$/, `CALSA` |/' "$tree/docs/architecture.md"
expect_failure "a C wrapper with two owners in the table" "$tree" "C wrapper CALSA is allowed in AudioOutput, Playout"

tree=$(fresh_copy)
printf 'let script = """\n    import os, sys\n    import Store\n    """\n' >"$tree/Sources/Scheduling/Script.swift"
expect_success "imports inside a multi-line string are not imports" "$tree"

if [[ $failures -ne 0 ]]; then
    echo "test-check-imports: $failures failure(s)" >&2
    exit 1
fi
echo "test-check-imports: all passed"

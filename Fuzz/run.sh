#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60) on its seed corpus (FUZZING.md).
#
#   Fuzz/run.sh [TARGET…]        targets: varlink wav schedule configuration (default: all)
#
# The fuzz build lives in .build-fuzz with COMMUNECAST_FUZZ set, so it never disturbs the ordinary .build.
# Inputs the fuzzer finds interesting go to .build-fuzz/corpus/<target> (not committed); crashes, hangs and
# out-of-memory inputs go to Fuzz/crashes/<target>/, and the script exits 1 if any new one appeared.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
declare -A products=([varlink]=FuzzVarlink [wav]=FuzzWAV [schedule]=FuzzSchedule [configuration]=FuzzConfiguration)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(varlink wav schedule configuration)

build() {
    echo "fuzz: building $1"
    mkdir -p "$SCRATCH"
    # The linker warns about every ASan helper symbol it cannot export; keep that noise in the log.
    if ! COMMUNECAST_FUZZ=1 nice -n 15 "$SWIFT" build -c debug --scratch-path "$SCRATCH" --product "$1" \
        -Xswiftc -sanitize=fuzzer,address >"$SCRATCH/build-$1.log" 2>&1; then
        grep -v "Cannot export local symbol" "$SCRATCH/build-$1.log" | tail -40 >&2
        echo "fuzz: building $1 failed (log: $SCRATCH/build-$1.log)" >&2
        exit 1
    fi
}

bin=$(COMMUNECAST_FUZZ=1 "$SWIFT" build -c debug --scratch-path "$SCRATCH" --show-bin-path)
for target in "${targets[@]}"; do
    product=${products[$target]:?unknown fuzz target $target}
    build "$product"
done

status=0
for target in "${targets[@]}"; do
    product=${products[$target]}
    crashes=Fuzz/crashes/$target
    work=$SCRATCH/corpus/$target
    mkdir -p "$crashes" "$work"
    before=$(find "$crashes" -type f | wc -l)
    dictionary=()
    [ -f "Fuzz/dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/dictionaries/$target.dict")
    echo "fuzz: $target for ${FUZZ_SECONDS}s"
    # -rss_limit_mb also caps single allocations, so a header that makes a parser allocate gigabytes is a finding.
    nice -n 15 "$bin/$product" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=1024 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "${dictionary[@]}" "$work" "Fuzz/corpus/$target" \
        2>&1 | tee "$SCRATCH/fuzz-$target.log" | grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|==[0-9]+==|SUMMARY)" || true
    after=$(find "$crashes" -type f | wc -l)
    if [ "$after" -gt "$before" ]; then
        echo "fuzz: $target found $((after - before)) new failing input(s) in $crashes" >&2
        status=1
    fi
done
exit $status

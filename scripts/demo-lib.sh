# Sourced by the demo scripts: the binaries to run (COMMUNECAST_BIN, by default the debug build) and a step heading.
# The caller has already changed to the repository's root.
bin="${COMMUNECAST_BIN:-.build/debug}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
cli="$bin/communecast"
daemon_bin="$bin/communecastd"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

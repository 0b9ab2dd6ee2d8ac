#!/usr/bin/env bash
# Generates the manual pages and the bash, zsh and fish completions from the built binaries, with
# swift-argument-parser's own generators: its generate-manual tool (built here from the package's dependency, with
# the same build flags) reads `--experimental-dump-help`, and `--generate-completion-script` writes completions.
#
#   scripts/generate-docs.sh BIN OUT [swift build flags…]
#
# OUT/man gets communecast.1 and one page per subcommand (communecast.media.upload.1…), and communecastd.8;
# OUT/completions gets communecast.bash, _communecast, communecast.fish and the same for communecastd.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:?usage: generate-docs.sh BIN OUT [swift build flags]}
out=${2:?usage: generate-docs.sh BIN OUT [swift build flags]}
shift 2
${SWIFT:-swift} build "$@" --product generate-manual
tool="$bin/generate-manual"

# The date the pages carry: the last commit's, so the same source gives the same pages.
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"
"$tool" "$bin/communecast" --multi-page --section 1 --date "$date" --output-directory "$out/man"
"$tool" "$bin/communecastd" --section 8 --date "$date" --output-directory "$out/man"
# A blank line in a command's discussion separates paragraphs; mdoc spells that .Pp (groff warns on empty lines).
sed -i 's/^$/.Pp/' "$out"/man/*

for program in communecast communecastd; do
    "$bin/$program" --generate-completion-script bash > "$out/completions/$program.bash"
    "$bin/$program" --generate-completion-script zsh > "$out/completions/_$program"
    "$bin/$program" --generate-completion-script fish > "$out/completions/$program.fish"
done
echo "generate-docs: $(ls "$out/man" | wc -l) manual pages and $(ls "$out/completions" | wc -l) completion scripts in $out"

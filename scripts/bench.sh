#!/usr/bin/env bash
# Whole-process speed of tadqiq, measured side by side with ripgrep on the same machine, in one
# run. Prints the details, then ONE summary line (the line the README quotes).
#
#   scripts/bench.sh [CORPUS]        # default ../shared/corpus; RUNS=9 runs each (median)
#
# What it measures:
#   - the whole default ruleset over CORPUS (`tadqiq check CORPUS --format json`), against
#     `rg -c -f PATTERNS CORPUS` (14 spelling-variant words and quote marks), the cost of one bare
#     scan of the same files; the two commands alternate, run after run, so that both meet the
#     same load;
#   - time per MB over a x10 copy of CORPUS (hard links, or copies where links cannot be made),
#     against the x1 figure;
#   - peak memory (maximum resident set, GNU time) over the x10 copy;
#   - one small file, start to exit (fixtures/alwasat-4758.txt), what a pre-commit hook pays;
#   - other linters over the same files, where they are installed (typos, codespell, proselint;
#     OTHERS="..." to choose, OTHER_RUNS=3 runs each), each run alternating with a tadqiq run:
#     what each takes to read and check the same files, not what it finds in Arabic text;
#   - with COLD=1, run as root on Linux: tadqiq and rg again with the page cache dropped before
#     each run (COLD_RUNS=5 each, alternating), the case of an archive read for the first time;
#   - with RULESETS=1: the warm ratio again with the four and the six costliest rules ignored, and
#     with one rule selected, what a smaller default ruleset would buy.
# Needs bash 4.2+ (EPOCHREALTIME needs 5.0; older shells fall back to `date`), awk, ripgrep
# (`apt-get install ripgrep`), and GNU time for memory (reported as n/a without it). hyperfine is
# not needed.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${1:-../shared/corpus}
RUNS=${RUNS:-9}
SMALL=fixtures/alwasat-4758.txt
BIN=target/release/tadqiq

if [ ! -d "$CORPUS" ]; then
    echo "bench: no corpus at $CORPUS (give its path as the first argument)" >&2
    exit 2
fi
if ! command -v rg >/dev/null; then
    echo "bench: ripgrep (rg) is needed for the side-by-side figure: apt-get install ripgrep" >&2
    exit 2
fi

cargo build --release --quiet

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The 14 patterns: spelling variants the consistency rules look for, and quote marks.
printf '%s\n' الأمريكي الأميركي أمريكا أميركا الثلاثاء الثلثاء مئة مائة مسؤول مسئول إسرائيل اسرائيل '«' '"' \
    >"$WORK/patterns.txt"

# A x10 copy of the corpus.
mkdir "$WORK/x10"
for i in $(seq 1 10); do
    cp -al "$CORPUS" "$WORK/x10/c$i" 2>/dev/null || cp -a "$CORPUS" "$WORK/x10/c$i"
done

now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}

# Wall seconds of one run of "${@:2}" (output discarded); an exit code above $1 stops the bench.
timed() {
    local max=$1 t0 t1 rc
    shift
    t0=$(now)
    set +e
    "$@" >/dev/null 2>&1
    rc=$?
    set -e
    t1=$(now)
    if [ "$rc" -gt "$max" ]; then
        echo "bench: '$*' failed ($rc)" >&2
        exit 2
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}

# tadqiq and rg: exit codes 0 and 1 are both success.
wall() { timed 1 "$@"; }
# Another linter: its exit code says whether it found something; only a command that could not
# run (126, 127) stops the bench.
wall_any() { timed 125 "$@"; }

# a / b to one decimal: how many times b the time a is.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# CPU seconds (user + system) of one run, or n/a without GNU time: a figure other load on the
# machine disturbs less than the wall clock (GNU time counts in hundredths of a second).
cpu() {
    if /usr/bin/time -f %U true >/dev/null 2>&1; then
        set +e
        /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@" >/dev/null 2>&1
        set -e
        tail -1 "$WORK/cpu" | awk '{ printf "%.2f\n", $1 + $2 }'
    else
        echo n/a
    fi
}

# Peak resident memory (KB) of one run, or n/a without GNU time.
peak_kb() {
    if /usr/bin/time -f %M true >/dev/null 2>&1; then
        set +e
        /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1
        set -e
        tail -1 "$WORK/rss"
    else
        echo n/a
    fi
}

# Bytes of the files tadqiq reads (each link of a hard-linked copy counted).
bytes_of() { find "$1" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' \) -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
files_of() { find "$1" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' \) | wc -l; }

MB1=$(awk -v b="$(bytes_of "$CORPUS")" 'BEGIN { printf "%.2f", b / 1e6 }')
MB10=$(awk -v b="$(bytes_of "$WORK/x10")" 'BEGIN { printf "%.2f", b / 1e6 }')
FILES=$(files_of "$CORPUS")
CORES=$(nproc 2>/dev/null || echo "?")
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

# Warm the page cache and the binary.
rg -c -f "$WORK/patterns.txt" "$CORPUS" >/dev/null || true
"$BIN" check "$CORPUS" --format json >/dev/null || true

: >"$WORK/rg"
: >"$WORK/tq"
: >"$WORK/tq10"
: >"$WORK/small"
: >"$WORK/rg_cpu"
: >"$WORK/tq_cpu"
for _ in $(seq 1 "$RUNS"); do
    wall rg -c -f "$WORK/patterns.txt" "$CORPUS" >>"$WORK/rg"
    wall "$BIN" check "$CORPUS" --format json >>"$WORK/tq"
    cpu rg -c -f "$WORK/patterns.txt" "$CORPUS" >>"$WORK/rg_cpu"
    cpu "$BIN" check "$CORPUS" --format json >>"$WORK/tq_cpu"
done
for _ in $(seq 1 "$(( (RUNS + 1) / 2 ))"); do
    wall "$BIN" check "$WORK/x10" --format json >>"$WORK/tq10"
done
for _ in $(seq 1 $((RUNS * 3))); do
    wall "$BIN" check "$SMALL" >>"$WORK/small"
done
# Other linters, where installed: each run alternates with a tadqiq run over the same files.
OTHERS=${OTHERS:-typos codespell proselint}
OTHER_RUNS=${OTHER_RUNS:-3}
other_command() {
    case "$1" in
        proselint) echo "proselint check" ;;
        *) echo "$1" ;;
    esac
}
OTHER_LINES=()
for linter in $OTHERS; do
    command -v "$linter" >/dev/null || continue
    read -r -a cmd <<<"$(other_command "$linter")"
    : >"$WORK/other"
    : >"$WORK/other_tq"
    for _ in $(seq 1 "$OTHER_RUNS"); do
        wall_any "${cmd[@]}" "$CORPUS" >>"$WORK/other"
        wall "$BIN" check "$CORPUS" --format json >>"$WORK/other_tq"
    done
    OTHER_S=$(median <"$WORK/other")
    OTHER_TQ=$(median <"$WORK/other_tq")
    OTHER_LINES+=("$(printf '%-14s %s s, tadqiq %s s in the same runs (medians of %s): tadqiq %s x faster' \
        "$linter:" "$OTHER_S" "$OTHER_TQ" "$OTHER_RUNS" "$(ratio "$OTHER_S" "$OTHER_TQ")")")
done

# Cold page cache: every file (and both binaries) read from the disk.
COLD_LINE=""
COLD_SUMMARY=""
if [ "${COLD:-0}" = 1 ]; then
    if [ -w /proc/sys/vm/drop_caches ]; then
        : >"$WORK/cold_rg"
        : >"$WORK/cold_tq"
        for _ in $(seq 1 "${COLD_RUNS:-5}"); do
            sync && echo 3 >/proc/sys/vm/drop_caches
            wall rg -c -f "$WORK/patterns.txt" "$CORPUS" >>"$WORK/cold_rg"
            sync && echo 3 >/proc/sys/vm/drop_caches
            wall "$BIN" check "$CORPUS" --format json >>"$WORK/cold_tq"
        done
        COLD_RG=$(median <"$WORK/cold_rg")
        COLD_TQ=$(median <"$WORK/cold_tq")
        COLD_RATIO=$(ratio "$COLD_TQ" "$COLD_RG")
        COLD_LINE="cold cache:    tadqiq median $COLD_TQ s ($(sort -g "$WORK/cold_tq" | tr '\n' ' ')), rg $COLD_RG s ($(sort -g "$WORK/cold_rg" | tr '\n' ' ')): $COLD_RATIO x rg"
        COLD_SUMMARY="; cold cache $COLD_RATIO x rg"
    else
        COLD_LINE="cold cache:    not measured (dropping the page cache needs root on Linux)"
    fi
fi

# Smaller rulesets (RULESETS=1): the warm ratio with the costliest rules turned off, each run
# alternating with an rg run, to show what a smaller default ruleset would buy.
RULESET_LINES=()
if [ "${RULESETS:-0}" = 1 ]; then
    COSTLIEST4=common-misspelling,spelling-variant,transliteration-variant,duplicate-paragraph
    for set in "--ignore $COSTLIEST4" "--ignore $COSTLIEST4,repeated-sentence,doubled-verb" "--select tatweel"; do
        read -r -a extra <<<"$set"
        : >"$WORK/set_rg"
        : >"$WORK/set_tq"
        for _ in $(seq 1 "$RUNS"); do
            wall rg -c -f "$WORK/patterns.txt" "$CORPUS" >>"$WORK/set_rg"
            wall "$BIN" check "$CORPUS" --format json "${extra[@]}" >>"$WORK/set_tq"
        done
        SET_RG=$(median <"$WORK/set_rg")
        SET_TQ=$(median <"$WORK/set_tq")
        RULESET_LINES+=("$(printf 'ruleset:       %s: %s s vs rg %s s (medians of %s): %s x rg' \
            "$set" "$SET_TQ" "$SET_RG" "$RUNS" "$(ratio "$SET_TQ" "$SET_RG")")")
    done
fi

RSS1=$(peak_kb "$BIN" check "$CORPUS" --format json)
RSS10=$(peak_kb "$BIN" check "$WORK/x10" --format json)
RSS10_TEXT=$(peak_kb "$BIN" check "$WORK/x10")
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

RG=$(median <"$WORK/rg")
RG_CPU=$(median <"$WORK/rg_cpu")
TQ_CPU=$(median <"$WORK/tq_cpu")
TQ=$(median <"$WORK/tq")
TQ10=$(median <"$WORK/tq10")
SMALL_S=$(median <"$WORK/small")

calc() { awk "BEGIN { printf \"$1\", $2 }"; }
RATIO=$(ratio "$TQ" "$RG")
PER_MB1=$(calc "%.1f" "$TQ * 1000 / $MB1")
PER_MB10=$(calc "%.1f" "$TQ10 * 1000 / $MB10")
LINEAR=$(calc "%.2f" "($TQ10 / $MB10) / ($TQ / $MB1)")
SMALL_MS=$(calc "%.1f" "$SMALL_S * 1000")
mb() { if [ "$1" = n/a ]; then echo n/a; else calc "%.0f MB" "$1 / 1024"; fi; }

echo "corpus:        $CORPUS: $FILES files, $MB1 MB (x10: $MB10 MB); $CORES cores; load $LOAD_BEFORE before, $LOAD_AFTER after"
echo "rg -c -f:      median $RG s over $RUNS runs ($(sort -g "$WORK/rg" | tr '\n' ' ')); CPU $RG_CPU s"
echo "tadqiq x1:     median $TQ s over $RUNS runs ($(sort -g "$WORK/tq" | tr '\n' ' ')): $RATIO x rg, $PER_MB1 ms/MB; CPU $TQ_CPU s"
echo "tadqiq x10:    median $TQ10 s ($(sort -g "$WORK/tq10" | tr '\n' ' ')): $PER_MB10 ms/MB, $LINEAR x the x1 figure per MB"
echo "peak memory:   x1 $(mb "$RSS1"), x10 $(mb "$RSS10") (json), x10 $(mb "$RSS10_TEXT") (text)"
echo "one file:      median $SMALL_MS ms start to exit ($SMALL, $((RUNS * 3)) runs)"
for line in ${OTHER_LINES[@]+"${OTHER_LINES[@]}"}; do
    echo "$line"
done
if [ -n "$COLD_LINE" ]; then
    echo "$COLD_LINE"
fi
for line in ${RULESET_LINES[@]+"${RULESET_LINES[@]}"}; do
    echo "$line"
done
echo "tadqiq $RATIO x rg over $FILES files ($MB1 MB: $TQ s vs $RG s); x10 $LINEAR x per MB; peak $(mb "$RSS10") at x10; one file $SMALL_MS ms$COLD_SUMMARY; $CORES cores, load $LOAD_BEFORE"

#!/usr/bin/env bash
# regenerate.sh - run Pigeonhole over the runtime corpus.
#
# Usage: regenerate.sh [--check] [-j N] [--no-exec] [CASE...]
#
#   (default)   rewrite cases/*/expected.txt (canonical dry-run result) and
#               cases/*/exec.txt (normalised execution report, sieve-test -e)
#   --check     do not write; compare with the stored files and report every
#               difference (exit 1 if any) - shows Pigeonhole is reproducible
#   --no-exec   skip exec.txt (only expected.txt)
#   -j N        run N cases in parallel (default 4)
#   CASE        case directory names, numbers (e.g. 042) or paths
#               (default: all of cases/*/)
#
# Exit status: 0 ok, 1 differences (--check) or a case produced
# compile_error/fatal/timeout/no_result, 2 usage error.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
check=0 jobs=4 do_exec=1
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --check) check=1; shift ;;
    --no-exec) do_exec=0; shift ;;
    -j) jobs=${2:?}; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

cases=()
if [ ${#args[@]} -eq 0 ]; then
  for d in "$here"/cases/*/; do cases+=("${d%/}"); done
else
  for a in "${args[@]}"; do
    if [ -d "$a" ]; then cases+=("$(cd "$a" && pwd)")
    elif [ -d "$here/cases/$a" ]; then cases+=("$here/cases/$a")
    else
      m=("$here"/cases/"$a"-*/)
      if [ -d "${m[0]}" ] && [ ${#m[@]} -eq 1 ]; then cases+=("${m[0]%/}")
      else echo "no such case: $a" >&2; exit 2; fi
    fi
  done
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/sievegate_regen.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT

one() {  # $1 = case dir; writes $out/NAME.{expected,exec}
  local d=$1 n
  n=$(basename "$d")
  "$here/pigeonhole/run_case.sh" "$d" > "$out/$n.raw" 2> "$out/$n.err"
  python3 "$here/canon_sievetest.py" "$out/$n.raw" > "$out/$n.expected"
  if [ "$do_exec" -eq 1 ]; then
    "$here/pigeonhole/run_case.sh" -e "$d" > "$out/$n.rawx" 2>> "$out/$n.err"
    python3 "$here/canon_sievetest.py" --exec "$out/$n.rawx" > "$out/$n.exec"
  fi
}
export -f one
export here out do_exec

printf '%s\n' "${cases[@]}" | xargs -d '\n' -P "$jobs" -I{} bash -c 'one "$1"' _ {}

status=0 ndiff=0 nbad=0 nok=0
for d in "${cases[@]}"; do
  n=$(basename "$d")
  if [ -s "$out/$n.err" ]; then
    echo "$n: run_case.sh: $(head -c 300 "$out/$n.err")" >&2
  fi
  if grep -qxE 'compile_error|fatal|timeout|no_result' "$out/$n.expected"; then
    echo "$n: BAD: $(head -1 "$out/$n.expected")" >&2
    nbad=$((nbad + 1)); status=1
  fi
  files=(expected)
  [ "$do_exec" -eq 1 ] && files+=(exec)
  for k in "${files[@]}"; do
    dst=$d/$k.txt
    if [ "$check" -eq 1 ]; then
      if [ ! -f "$dst" ]; then
        echo "$n: $k.txt missing"; ndiff=$((ndiff + 1)); status=1
      elif ! cmp -s "$dst" "$out/$n.$k"; then
        echo "$n: $k.txt differs:"
        diff -u "$dst" "$out/$n.$k" | sed '1,2d; s/^/    /'
        ndiff=$((ndiff + 1)); status=1
      fi
    else
      cp "$out/$n.$k" "$dst"
    fi
  done
  nok=$((nok + 1))
done

if [ "$check" -eq 1 ]; then
  echo "checked ${#cases[@]} cases: $ndiff file difference(s), $nbad bad result(s)"
else
  echo "wrote ${#cases[@]} cases ($nbad bad result(s))"
fi
exit $status

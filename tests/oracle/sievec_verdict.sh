#!/usr/bin/env bash
# sievec_verdict.sh - ask Pigeonhole's sievec whether Sieve scripts compile.
#
# Usage: sievec_verdict.sh [-c CONF] [-I DIR] [-S] [-v] FILE.sieve...
#
# Prints one line per FILE:
#   FILE<TAB>ok
#   FILE<TAB>error<TAB>line N: message        (first error that has a line)
#   FILE<TAB>error<TAB>message                (error without a line number)
#
#   -c CONF  base dovecot config (default: dovecot.conf next to this script,
#            or $SIEVEGATE_DOVECOT_CONF)
#   -I DIR   directory used as both the personal (:personal) and global
#            (:global) script location for `include` (default: the directory
#            of each FILE)
#   -S       print "softerror" instead of "error" when sievec printed an
#            error but still exited 0 (script compiles and runs anyway)
#   -v       copy sievec's raw output to stderr
#
# The compiled binary goes to a private temp dir; nothing is written beside
# the source.  A file is "error" if sievec exits non-zero OR prints any
# error/Error/Fatal/Panic line: sievec 0.5.19 prints some errors (e.g.
# "referring to variable in unknown namespace 'env'") yet exits 0.
# Exit status: 0 always, 2 on usage error.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
conf=${SIEVEGATE_DOVECOT_CONF:-$here/dovecot.conf}
incdir=
verbose=0
soft=0
timeout_s=${SIEVEGATE_SIEVEC_TIMEOUT:-60}

usage() { sed -n '4,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

while getopts ':c:I:Svh' opt; do
  case $opt in
    c) conf=$OPTARG ;;
    I) incdir=$OPTARG ;;
    S) soft=1 ;;
    v) verbose=1 ;;
    h) usage 0 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
command -v sievec >/dev/null 2>&1 || { echo "sievec not found (apt-get install dovecot-sieve)" >&2; exit 2; }
[ -r "$conf" ] || { echo "config not readable: $conf" >&2; exit 2; }
case $conf in /*) ;; *) conf=$PWD/$conf ;; esac
if [ -n "$incdir" ]; then
  [ -d "$incdir" ] || { echo "not a directory: $incdir" >&2; exit 2; }
  incdir=$(cd "$incdir" && pwd)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sievec_verdict.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# Dovecot config values: quote and escape.
q() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

n=0
for f in "$@"; do
  n=$((n + 1))
  if [ ! -f "$f" ] || [ ! -r "$f" ]; then
    # sievec would compile every script in a directory; refuse that.
    printf '%s\terror\tcannot read regular file\n' "$f"
    continue
  fi
  src=$f
  case $src in -*) src=./$src ;; esac
  dir=${incdir:-$(cd "$(dirname -- "$src")" && pwd)}

  cfg=$work/$n.conf
  {
    printf '!include %s\n' "$conf"
    printf 'plugin {\n  sieve = %s\n  sieve_global = %s\n}\n' "$(q "file:$dir")" "$(q "file:$dir")"
  } > "$cfg"

  abs=$(realpath -- "$src")
  out=$(cd "$work" && timeout "$timeout_s" sievec -c "$cfg" "$abs" "$work/$n.svbin" 2>&1)
  rc=$?
  rm -f "$work/$n.svbin"
  [ "$verbose" = 1 ] && printf '== %s (rc=%s)\n%s\n' "$f" "$rc" "$out" >&2

  # Script name as sievec prints it: basename minus ".sieve".
  name=$(basename -- "$f"); name=${name%.sieve}

  first=$(printf '%s\n' "$out" | grep -m1 -E ': line [0-9]+: error: ')
  if [ -z "$first" ]; then
    first=$(printf '%s\n' "$out" | grep -v -E ': error: (validation|parse|code generation) failed\.$|^sievec: Fatal: failed to compile sieve script ' | grep -m1 -E '(^|: )(error|Error|Fatal|Panic): ')
  fi
  if [ -z "$first" ]; then
    first=$(printf '%s\n' "$out" | grep -m1 -E '(^|: )(error|Error|Fatal|Panic): ')
  fi
  if [ "$rc" -eq 0 ] && [ -z "$first" ]; then
    printf '%s\tok\n' "$f"
    continue
  fi
  if [ -z "$first" ]; then
    case $rc in
      124) first="timeout after ${timeout_s}s" ;;
      *) first="sievec exited with status $rc" ;;
    esac
    [ "$rc" -gt 128 ] && first="sievec killed by signal $((rc - 128))"
  fi
  # Normalise "NAME: line N: error: MSG" -> "line N: MSG".
  first=${first#"$name: "}
  first=$(printf '%s' "$first" | sed -E 's/^(([^:]*: )?line [0-9]+): error: /\1: /; s/^error: //')
  first=${first//$'\t'/ }
  verdict=error
  [ "$soft" = 1 ] && [ "$rc" -eq 0 ] && verdict=softerror
  printf '%s\t%s\t%s\n' "$f" "$verdict" "$first"
done
exit 0

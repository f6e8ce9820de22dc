#!/usr/bin/env bash
# Run every probe through sievec and print one line per probe:
#   NAME<TAB>rc=N<TAB>verdict(sievec_verdict.sh)<TAB>all diagnostics
# diagnostics are joined with " // "; the generic trailers "validation
# failed", "parse failed", "code generation failed" and "failed to compile"
# are dropped.  With --md print Markdown table rows instead (FINDINGS.md).
# Usage: tests/oracle/run_probes.sh [--md] [probe.sieve...]
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
md=0; [ "${1:-}" = --md ] && { md=1; shift; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sieve_probes.XXXXXX"); trap 'rm -rf "$work"' EXIT
printf '!include %s\nplugin {\n  sieve = file:%s\n  sieve_global = file:%s\n}\n' \
  "$here/dovecot.conf" "$here/probes" "$here/probes" > "$work/c.conf"
[ $# -gt 0 ] || set -- "$here"/probes/*.sieve
for f in "$@"; do
  n=$(basename "$f" .sieve)
  out=$(cd "$work" && timeout 60 sievec -c "$work/c.conf" "$f" "$work/o.svbin" 2>&1); rc=$?
  rm -f "$work/o.svbin"
  diag=$(printf '%s\n' "$out" |
         grep -v -E ': error: (validation|parse|code generation) failed\.$|^sievec: Fatal: failed to compile sieve script |^$' |
         sed -E "s/^$n: //" | cut -c1-300 | awk 'NR>1{printf " // "}{printf "%s",$0}')
  v=$("$here/sievec_verdict.sh" -S "$f" | cut -f2)
  if [ "$md" = 1 ]; then
    [ -n "$diag" ] || diag='-'
    printf '| %s | %s | %s | %s |\n' "$n" "${rc}" "$v" "$(printf '%s' "$diag" | sed 's/|/\\|/g')"
  else
    printf '%s\trc=%s\t%s\t%s\n' "$n" "$rc" "$v" "$diag"
  fi
done

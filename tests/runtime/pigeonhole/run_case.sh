#!/usr/bin/env bash
# run_case.sh - run Pigeonhole's sieve-test on one runtime case.
#
# Usage: run_case.sh [-e] CASE_DIR [-- EXTRA_SIEVE_TEST_ARGS...]
#
# CASE_DIR must contain:
#   script.sieve   the Sieve script
#   message.eml    the message (RFC 5322; CRLF or LF)
#   envelope       "from: ADDR" and "to: ADDR" lines (optional "orig_to: ADDR";
#                  exactly one "to:" - sieve-test has a single recipient;
#                  a null sender "<>" cannot be expressed with sieve-test -f)
#
# Default (dry run): sieve-test evaluates the script and prints the result
# ("Performed actions:" / "Implicit keep:") without executing anything.
#   -e  execute mode (sieve-test -e): actions are really executed against a
#       throw-away Maildir (folders named by the dry run are pre-created),
#       vacation/redirect/notify messages are printed instead of being sent,
#       and every stored message is dumped afterwards, so execution-time
#       decisions (vacation suppression, editheader effects) become visible.
#
# Output (stdout), sections introduced by lines starting with "### ":
#   ### stdout            sieve-test's stdout, raw
#   ### stderr            sieve-test's stderr, raw
#   ### exit N            sieve-test's exit status (124 = timeout)
#   ### stored MAILBOX<TAB>FLAGS  (-e only) one per stored message, followed
#                              by the raw stored message; MAILBOX = path below
#                              the Maildir (modified UTF-7) or INBOX; FLAGS =
#                              maildir info letters, keywords by name, e.g.
#                              "S,$Junk"
#
# Exit status: 0 if sieve-test ran (whatever its own status), 2 on usage or
# set-up error.
#
# Environment:
#   SIEVEGATE_RUN_USER      unprivileged user to run as when invoked as root
#                           (default: nobody; if that does not exist the
#                           user "sievetest" is created)
#   SIEVEGATE_ST_TIMEOUT    seconds per sieve-test run (default 20)
#   SIEVEGATE_DOVECOT_CONF  static config (default: dovecot.conf beside this script)
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
conf=${SIEVEGATE_DOVECOT_CONF:-$here/dovecot.conf}
tmo=${SIEVEGATE_ST_TIMEOUT:-20}

die() { echo "run_case.sh: $*" >&2; exit 2; }
usage() { sed -n '4,32p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

exec_mode=0
while [ $# -gt 0 ]; do
  case $1 in
    -e) exec_mode=1; shift ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
case_dir=$1; shift
[ "${1:-}" = "--" ] && shift
extra=("$@")

command -v sieve-test >/dev/null 2>&1 || die "sieve-test not found (apt-get install dovecot-sieve)"
[ -d "$case_dir" ] || die "not a directory: $case_dir"
for f in script.sieve message.eml envelope; do
  [ -f "$case_dir/$f" ] || die "missing $case_dir/$f"
done
[ -r "$conf" ] || die "config not readable: $conf"
case $conf in /*) ;; *) conf=$PWD/$conf ;; esac

# ---- envelope -------------------------------------------------------------
env_from= env_to= env_orig= nto=0
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  case $line in ''|'#'*) continue ;; esac
  key=${line%%:*}; val=${line#*:}
  val="${val#"${val%%[![:space:]]*}"}"; val="${val%"${val##*[![:space:]]}"}"
  case $(printf '%s' "$key" | tr 'A-Z' 'a-z') in
    from) env_from=$val ;;
    to) env_to=$val; nto=$((nto + 1)) ;;
    orig_to|orig-to) env_orig=$val ;;
    *) die "envelope: unknown line '$line'" ;;
  esac
done < "$case_dir/envelope"
[ -n "$env_from" ] || die "envelope: missing or empty 'from:' (sieve-test cannot express a null sender)"
[ "$env_from" != "<>" ] || die "envelope: null sender <> is not supported by sieve-test -f"
[ "$nto" -eq 1 ] || die "envelope: need exactly one 'to:' line (sieve-test has one recipient), got $nto"
env_from=${env_from#<}; env_from=${env_from%>}
env_to=${env_to#<}; env_to=${env_to%>}
[ -n "$env_orig" ] || env_orig=$env_to
env_orig=${env_orig#<}; env_orig=${env_orig%>}

# ---- run user ---------------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  ru=${SIEVEGATE_RUN_USER:-nobody}
  if ! id "$ru" >/dev/null 2>&1; then
    ru=sievetest
    if ! id "$ru" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$ru" >/dev/null 2>&1 || die "cannot create user $ru"
    fi
  fi
  run_uid=$(id -u "$ru"); run_gid=$(id -g "$ru")
  [ "$run_uid" -ne 0 ] || die "run user $ru has uid 0"
else
  run_uid=$(id -u); run_gid=$(id -g)
fi
# As root, sieve-test itself drops privileges to mail_uid/mail_gid (like
# dovecot-lda) after its start-up, which refuses uid 0 but works with
# mail_uid set.  SIEVEGATE_SETPRIV=1 instead starts it as the run user via
# setpriv (needs a usable /dev/null: dovecot opens it at start-up).
use_setpriv=0
if [ "$(id -u)" -eq 0 ] && [ "${SIEVEGATE_SETPRIV:-0}" = 1 ]; then use_setpriv=1; fi

# ---- private work dir ---------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/sievegate_rt.XXXXXX") || die "mktemp failed"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
chmod 0755 "$work"
mkdir -p "$work/home/Maildir"/{cur,new,tmp}
cp -- "$case_dir/script.sieve" "$work/script.sieve"
cp -- "$case_dir/message.eml" "$work/message.eml"
chmod 0644 "$work/script.sieve" "$work/message.eml"
cat > "$work/dovecot.conf" <<EOF
!include $conf
mail_uid = $run_uid
mail_gid = $run_gid
mail_home = $work/home
mail_location = maildir:$work/home/Maildir:LAYOUT=fs
namespace inbox {
  inbox = yes
  separator = /
}
EOF
chmod 0644 "$work/dovecot.conf"
chown -R "$run_uid:$run_gid" "$work/home" "$work/script.sieve" 2>/dev/null
# the compiled .svbin is written beside the script
chown "$run_uid:$run_gid" "$work" 2>/dev/null

st() {
  local o=$1 e=$2; shift 2
  local cmd=(sieve-test -C -c "$work/dovecot.conf" -f "$env_from" -r "$env_to" -a "$env_orig" "$@" "$work/script.sieve" "$work/message.eml")
  if [ "$use_setpriv" -eq 1 ]; then
    cmd=(setpriv --reuid="$run_uid" --regid="$run_gid" --clear-groups -- "${cmd[@]}")
  fi
  (cd "$work" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$work/home" LANG=C LC_ALL=C TZ=UTC \
     timeout -k 5 "$tmo" "${cmd[@]}") >"$o" 2>"$e" </dev/null
}

if [ "$exec_mode" -eq 1 ]; then
  # Dry run first to learn which folders will be stored into; sieve-test
  # does not auto-create mailboxes, so create them (maildir, LAYOUT=fs,
  # hierarchy separator "/", names in modified UTF-7).
  st "$work/dry.out" "$work/dry.err" "${extra[@]}"
  sed -n 's/^ \* store message in folder: //p' "$work/dry.out" | sort -u |
    python3 -c '
import sys, base64
def mutf7(s):
    out, buf = [], []
    def flush():
        if buf:
            b = base64.b64encode("".join(buf).encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append("&" + b + "-"); buf.clear()
    for ch in s:
        if 0x20 <= ord(ch) <= 0x7e:
            flush(); out.append("&-" if ch == "&" else ch)
        else:
            buf.append(ch)
    flush()
    return "".join(out)
for line in sys.stdin.read().splitlines():
    comps = line.split("/")
    if not line or line.upper() == "INBOX" or "" in comps or line.endswith("..."):
        continue  # invalid, default, or truncated by sieve-test (> 128 bytes)
    if any(c in (".", "..", "cur", "new", "tmp") for c in comps):
        continue
    print("/".join(mutf7(c) for c in comps))
' | while IFS= read -r d; do
      mkdir -p "$work/home/Maildir/$d"/{cur,new,tmp}
    done
  chown -R "$run_uid:$run_gid" "$work/home" 2>/dev/null
  st "$work/out" "$work/err" -e "${extra[@]}"
  rc=$?
else
  st "$work/out" "$work/err" "${extra[@]}"
  rc=$?
fi

echo "### stdout"
cat "$work/out"
echo "### stderr"
cat "$work/err"
echo "### exit $rc"

if [ "$exec_mode" -eq 1 ]; then
  md=$work/home/Maildir
  kw_of() {  # maildir dir -> keyword letters mapping via dovecot-keywords
    local dir=$1 info=$2 out= c n name
    info=${info#*:2,}
    local i
    for ((i = 0; i < ${#info}; i++)); do
      c=${info:i:1}
      case $c in
        [a-z])
          n=$(( $(printf '%d' "'$c") - 97 ))
          name=$(awk -v n="$n" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' "$dir/dovecot-keywords" 2>/dev/null)
          out="$out,${name:-?$c}" ;;
        *) out="$out,$c" ;;
      esac
    done
    printf '%s' "${out#,}"
  }
  { echo "$md"; find "$md" -mindepth 1 -type d ! -name cur ! -name new ! -name tmp | sort; } |
  while IFS= read -r dir; do
    if [ "$dir" = "$md" ]; then box=INBOX; else box=${dir#"$md"/}; fi
    [ -d "$dir/cur" ] || continue
    # order by file name (= delivery time) regardless of new/ or cur/
    find "$dir/new" "$dir/cur" -maxdepth 1 -type f 2>/dev/null |
      awk -F/ '{ print $NF "\t" $0 }' | sort | cut -f2- |
    while IFS= read -r f; do
      base=${f##*/}
      info=
      case $base in *:2,*) info=$base ;; esac
      printf '### stored %s\t%s\n' "$box" "$(kw_of "$dir" "$info")"
      cat "$f"
      # make sure the next marker starts on its own line
      [ -n "$(tail -c1 "$f")" ] && echo
    done
  done
fi
exit 0

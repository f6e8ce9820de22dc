# Part 2: extensions (valid)
add("v101-variables-modifiers", r'''require "variables";
set "name" "World";
set :upperfirst "n1" "${name}";
set :lower :upperfirst "n2" "hELLO";
set :upper :lowerfirst "n3" "x";
set :length "len" "${name}";
set :quotewildcard "q" "a*b?c";
set :LOWER "Name_2" "ABC";
if string :is "${len}" "5" { keep; }
if string :matches ["${n1}", "${n2}"] "*o*" { keep; }
''')
add("v102-variables-match-groups", r'''require ["variables", "fileinto"];
if header :matches "Subject" "[*] *" {
  set "tag" "${1}";
  set "rest" "${2}";
  fileinto "Tagged/${tag}";
}
if address :matches "from" "*@*" { set "dom" "${2}"; }
if string :is "${0}" "" { keep; }
''')
add("v103-variables-unknown-var-empty", r'''require "variables";
if string :is "${never_set}" "" { keep; }
set "a" "${a}${a}";
set "x" "${ not a var }";
set "y" "$${a}";
''')
add("v104-relational-count", r'''require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["5"] {
  fileinto "Many";
}
if header :count "eq" :comparator "i;ascii-numeric" "Received" "0" { discard; }
if header :value "gt" :comparator "i;ascii-numeric" "X-Score" "10" { discard; }
if header :value "ne" "Subject" "x" { keep; }
''')
add("v105-relational-order", r'''require "relational";
if header :comparator "i;octet" :value "lt" "Subject" "m" { keep; }
if address :domain :count "le" "from" "1" { keep; }
if envelope :value "eq" :all "to" "x" { keep; }
''' .replace('if envelope', 'if address'))
add("v106-body-variants", r'''require ["body", "fileinto"];
if body :raw :contains "BEGIN PGP" { fileinto "Encrypted"; }
if body :content "text" :contains "unsubscribe" { fileinto "Promo"; }
if body :content ["text/plain", "text/html"] :matches "*lottery*" { discard; }
if body :text :is "" { keep; }
if body :contains :text "x" { keep; }
if body :comparator "i;octet" :content "" :contains "X" { keep; }
if body "plain" { keep; }
''')
add("v107-imap4flags", r'''require ["imap4flags", "fileinto", "variables"];
setflag "\\Seen";
addflag ["\\Flagged", "$Important"];
removeflag "\\Seen";
addflag "myflags" "\\Answered";
setflag "myflags" ["a", "b c"];
if hasflag :contains "\\Flagged" { keep :flags ["\\Seen"]; }
if hasflag :is "myflags" "a" { fileinto :flags "${myflags}" "Flagged"; }
if hasflag ["\\Deleted", "\\Draft"] { keep; }
removeflag "myflags" "b";
''')
add("v108-date-currentdate", r'''require ["date", "relational", "fileinto"];
if date :is "date" "weekday" "0" { fileinto "Sunday"; }
if date :zone "-0500" :value "ge" "received" "hour" "17" { keep; }
if date :originalzone :matches "date" "iso8601" "2024-*" { keep; }
if currentdate :is "month" ["12", "01", "02"] { keep; }
if currentdate :zone "+0000" :value "lt" "hour" "09" { keep; }
if date :is "Date" "zone" "+0200" { keep; }
if currentdate :matches "std11" "*" { keep; }
if currentdate :is "julian" "60000" { keep; }
if currentdate :is "time" "12:00:00" { keep; }
if currentdate :matches "minute" "?0" { keep; }
if currentdate :is "second" "00" { keep; }
if currentdate :is "day" "01" { keep; }
if currentdate :is "year" "2030" { keep; }
''')
add("v109-index", r'''require ["index", "date"];
if header :index 1 :contains "Received" "mx.example.org" { keep; }
if header :index 2 :last :is "Received" "x" { keep; }
if address :last :index 1 :is "from" "a@b.c" { keep; }
if date :index 1 :last :is "received" "year" "2024" { keep; }
''')
add("v110-editheader", r'''require ["editheader", "variables"];
addheader "X-Filtered" "yes";
addheader :last "X-Trace" "sievegate probe";
deleteheader "X-Spam-Status";
deleteheader :is "X-Spam-Flag" "YES";
deleteheader :index 1 "X-Old";
deleteheader :index 2 :last "X-Old";
deleteheader :contains "X-Tag" ["a", "b"];
deleteheader :matches :comparator "i;octet" "X-Foo" "*bar*";
set "v" "x";
addheader "X-Var" "${v}";
''')
add("v111-reject-ereject-free", r'''require "reject";
if size :over 10M { reject "Too big"; stop; }
''')
add("v112-environment", r'''require ["environment", "fileinto", "relational"];
if environment :is "domain" "mail.example.org" { keep; }
if environment :matches "host" "*.example.org" { keep; }
if environment :contains "name" "Dovecot" { keep; }
if environment :is "phase" "during" { keep; }
if environment :value "gt" "version" "0" { keep; }
if environment "location" "MS" { keep; }
if environment :is "remote-host" "x" { keep; }
if environment :is "remote-ip" "1.2.3.4" { keep; }
''')
add("v113-ihave", r'''require "ihave";
if ihave "fileinto" {
  fileinto "Somewhere";
} elsif ihave ["vacation", "reject"] {
  keep;
} else {
  error "no fileinto here";
}
''')
add("v114-ihave-unknown-ext-body", r'''require "ihave";
if ihave "x-nonexistent" {
  xcommand :tag "a";
}
''')
add("v115-mailbox", r'''require ["mailbox", "fileinto"];
if mailboxexists "Lists" { fileinto :create "Lists/new"; }
if mailboxexists ["INBOX", "Archive"] { keep; }
fileinto :create "Brand/New/Folder";
''')
add("v116-mboxmetadata", r'''require ["mboxmetadata", "servermetadata", "relational"];
if metadata :is "INBOX" "/private/vendor/vendor.x/on" "yes" { keep; }
if metadataexists "INBOX" ["/private/comment", "/shared/comment"] { keep; }
if servermetadata :contains "/shared/admin" "admin" { keep; }
if servermetadataexists "/shared/comment" { keep; }
if metadata :count "ge" :comparator "i;ascii-casemap" "INBOX" "/private/x" "1" { keep; }
''')
add("v117-enotify", r'''require ["enotify", "variables"];
notify :importance "1" :message "New mail from ${from}" "mailto:me@example.org";
notify :from "robot@example.org" :options ["opt=val"] "mailto:me@example.org?subject=hi";
notify "mailto:alice@example.org,bob@example.org";
if valid_notify_method ["mailto:x@example.org"] { keep; }
if notify_method_capability "mailto:x@example.org" "online" "maybe" { keep; }
set :encodeurl "enc" "a b&c";
notify :importance "3" "mailto:me@example.org?body=${enc}";
''')
add("v118-vacation-seconds", r'''require ["vacation", "vacation-seconds"];
vacation :seconds 3600 :subject "brb" "Back in an hour";
''')
add("v119-vacation-all-options-odd-order", r'''require "vacation";
vacation :mime :handle "ooo-2030" :addresses "me@example.org" :subject "S" :from "me@example.org" :days 2 text:
Content-Type: text/plain; charset=utf-8

Away.
.
;
''')
add("v120-spamtest", r'''require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto"];
if spamtest :value "ge" :comparator "i;ascii-numeric" "6" { fileinto "Junk"; }
elsif spamtest :value "eq" :comparator "i;ascii-numeric" "0" { keep; }
''')
add("v121-spamtestplus-percent", r'''require ["spamtestplus", "relational", "comparator-i;ascii-numeric", "fileinto"];
if spamtest :percent :value "gt" :comparator "i;ascii-numeric" "80" { fileinto "Junk"; }
if spamtest :percent :count "eq" :comparator "i;ascii-numeric" "0" { keep; }
''')
add("v122-virustest", r'''require ["virustest", "relational", "comparator-i;ascii-numeric"];
if virustest :value "ge" :comparator "i;ascii-numeric" "4" { discard; }
if virustest :is "1" { keep; }
''')
add("v123-mime-foreverypart", r'''require ["mime", "foreverypart", "fileinto", "variables", "extracttext"];
foreverypart :name "outer" {
  if header :mime :type "Content-Type" "application" {
    if header :mime :param "filename" :matches "Content-Disposition" "*.exe" {
      fileinto "Quarantine";
      break :name "outer";
    }
  }
  if header :mime :subtype :is "Content-Type" "plain" {
    extracttext :first 200 "snippet";
    extracttext :lower "lowered";
  }
  foreverypart {
    if header :mime :anychild :contenttype "Content-Type" "text/html" { break; }
  }
}
''')
add("v124-mime-header-outside-loop", r'''require "mime";
if header :mime :anychild :type "Content-Type" "multipart" { keep; }
if exists :mime :anychild "Content-Disposition" { keep; }
if address :mime :anychild :is "from" "a@b.c" { keep; }
''')
add("v125-include-global-return", r'''require ["include", "variables"];
global "spamscore";
global ["a", "b"];
set "spamscore" "0";
include :personal "inc-helper";
include :once :optional "does-not-exist";
include :global :once "inc-helper";
if string :is "${spamscore}" "10" { return; }
''')
add("inc-helper", r'''require ["include", "variables"];
global "spamscore";
set "spamscore" "1";
return;
''')
add("v126-duplicate", r'''require ["duplicate", "fileinto"];
if duplicate { discard; }
if duplicate :header "Message-ID" :seconds 86400 :last { discard; }
if duplicate :handle "list" :uniqueid "abc" { discard; }
if duplicate :seconds 60 :handle "x" :header "X-Msg" { discard; }
''')
add("v127-regex", r'''require ["regex", "variables", "fileinto"];
if header :regex "Subject" "^\\[([A-Za-z]+)\\] (.*)$" { fileinto "Tag/${1}"; }
if address :regex :localpart "from" "^(info|news(letter)?)$" { fileinto "News"; }
if header :regex :comparator "i;octet" "X-Mailer" ["^Outlook", "Thunderbird [0-9]+\\.[0-9]+"] { keep; }
if header :regex "Received" "from [^ ]+ \\(([0-9]{1,3}\\.){3}[0-9]{1,3}\\)" { keep; }
if header :regex "subject" "a|b|c" { keep; }
if header :regex "subject" "[[:digit:]]+" { keep; }
''')
add("v128-special-use", r'''require ["fileinto", "special-use", "mailbox"];
fileinto :specialuse "\\Junk" "Spam";
fileinto :create :specialuse "\\Archive" "Archive/2030";
fileinto :specialuse "\\Trash" :create "Bin";
if specialuse_exists "\\Junk" { keep; }
if specialuse_exists "INBOX" ["\\Sent", "\\Drafts"] { keep; }
''')
add("v129-encoded-character", r'''require ["encoded-character", "fileinto"];
fileinto "${hex:49 4e 42 4F 58}";
if header :contains "subject" "${unicode:263A}" { keep; }
if header :contains "subject" "${UNICODE: 1F600 }" { keep; }
if header :contains "subject" "${hex:}" { keep; }
if header :contains "subject" "${hex:zz}" { keep; }
''')
add("v130-copy-fileinto", r'''require ["copy", "fileinto"];
fileinto :copy "Backup";
redirect :copy "me@example.org";
''')
add("v131-debug-log", r'''require "vnd.dovecot.debug";
debug_log "reached rule 1";
''')
add("v132-vnd-environment", r'''require ["variables", "vnd.dovecot.environment", "environment"];
if environment :is "vnd.dovecot.default-mailbox" "INBOX" { keep; }
set "u" "${env.user}";
''')
add("v133-deprecated-imapflags", r'''require "imapflags";
setflag "\\Seen";
addflag "\\Flagged";
removeflag "\\Flagged";
mark;
unmark;
''')
add("v134-deprecated-notify", r'''require "notify";
notify :method "mailto" :options "me@example.org" :message "New mail" :low;
denotify;
''')
add("v135-vnd-report", r'''require "vnd.dovecot.report";
report "abuse" "This is spam" "abuse@example.org";
''')
add("v136-extracttext-in-nested-loop", r'''require ["foreverypart", "extracttext", "variables", "mime"];
foreverypart {
  foreverypart :name "inner" {
    extracttext "x";
  }
}
''')
add("v137-comparator-require-capability", r'''require ["comparator-i;octet", "comparator-i;ascii-casemap"];
if header :comparator "i;octet" :is "a" "b" { keep; }
''')
add("v138-date-zone-variants", r'''require "date";
if date :zone "+1400" :is "date" "hour" "1" { keep; }
if date :zone "-1200" :is "date" "hour" "1" { keep; }
if currentdate :zone "+0530" :is "hour" "1" { keep; }
''')
add("v139-vacation-from-variable", r'''require ["vacation", "variables"];
set "me" "me@example.org";
vacation :from "${me}" :addresses ["${me}"] "Away";
''')
add("v140-redirect-addresses-ok", r'''redirect "Jane Doe <jane@example.org>";
redirect "<bob@example.org>";
redirect "\"john smith\"@example.org";
redirect "first.last+tag@sub.example.co.uk";
redirect "user@[192.0.2.1]";
''')
add("v141-editheader-delete-matchtypes", r'''require ["editheader", "relational", "comparator-i;ascii-numeric", "regex"];
deleteheader :value "gt" :comparator "i;ascii-numeric" "X-Score" "5";
deleteheader :count "ge" "X-Many" "2";
deleteheader :regex "X-Foo" "^ba+r$";
''')
add("v142-string-test-list", r'''require "variables";
set "a" "1";
if string :is ["${a}", "x"] ["1", "2"] { keep; }
if string :count "eq" "${a}" "1" { keep; }
''' .replace('if string :count "eq"', 'if string :contains'))
add("v143-foreverypart-break-no-name", r'''require "foreverypart";
foreverypart { if true { break; } }
''')
add("v144-header-mime-param-list", r'''require ["mime", "foreverypart"];
foreverypart {
  if header :mime :param ["filename", "name"] :matches "Content-Disposition" "*.zip" { discard; }
}
''')
add("v145-enotify-mailto-headers", r'''require "enotify";
notify "mailto:a@example.org?subject=Alert&body=Check%20your%20mail";
notify :message "x" :importance "2" "mailto:a@example.org?cc=b@example.org";
''')
add("v146-all-caps-tags-extensions", r'''require ["fileinto", "copy", "mailbox", "imap4flags", "relational", "comparator-i;ascii-numeric"];
FILEINTO :COPY :CREATE :FLAGS "\\Seen" "Box";
IF HEADER :VALUE "ge" :COMPARATOR "i;ascii-numeric" "x" "1" { KEEP; }
IF HEADER :COUNT "ge" "x" "1" { KEEP; }
''')
add("v147-duplicate-vnd", r'''require "vnd.dovecot.duplicate";
if duplicate :handle "a" { discard; }
''')
add("v148-include-personal-default", r'''require "include";
include "inc-helper";
''')
add("v149-global-inside-if", r'''require ["include", "variables"];
if true {
  global "later";
  set "later" "x";
}
''')
add("v150-vacation-days-1-and-big", r'''require "vacation";
vacation :days 1 "x";
vacation :days 365 :handle "b" "y";
''')
add("v151-body-content-multipart", r'''require "body";
if body :content "multipart" :contains "x" { keep; }
if body :content "message/rfc822" :contains "x" { keep; }
''')
add("v152-set-all-modifiers", r'''require ["variables", "enotify"];
set :length :quotewildcard :lower :upperfirst :encodeurl "x" "Value";
''')
add("v153-matches-wildcards-escaped", r'''if header :matches "subject" "\\*literal star\\?" { keep; }
if header :matches "subject" "*\\\\*" { keep; }
if header :matches "subject" "???*" { keep; }
''')
add("v154-hasflag-variables-list", r'''require ["imap4flags", "variables"];
set "f1" "";
if hasflag :is ["f1", "f2"] ["\\Seen"] { keep; }
''')
add("v155-address-subaddress-user-detail", r'''require "subaddress";
if address :detail "to" "" { keep; }
if address :user :contains ["to", "cc"] "sales" { keep; }
if address :detail :matches "to" "*" { keep; }
''')
add("v156-keep-flags-var", r'''require ["imap4flags", "variables"];
set "fl" "\\Seen \\Flagged";
keep :flags "${fl}";
keep :flags ["\\Seen", "\\Answered"];
''')
add("v157-relational-ascii-numeric-ops", r'''require ["relational", "comparator-i;ascii-numeric"];
if header :value "ge" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "le" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "lt" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "eq" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :value "ne" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
if header :count "gt" :comparator "i;ascii-numeric" "X-A" "1" { keep; }
''')
add("v158-is-with-ascii-numeric", r'''require "comparator-i;ascii-numeric";
if header :is :comparator "i;ascii-numeric" "X-N" "42" { keep; }
''')
add("v159-date-value-iso", r'''require ["date", "relational"];
if date :value "ge" :originalzone "date" "iso8601" "2020-01-01T00:00:00Z" { keep; }
''')
add("v160-notify-method-capability-list", r'''require "enotify";
if notify_method_capability :is "mailto:a@b.example" "Online" ["yes", "maybe"] { keep; }
''')

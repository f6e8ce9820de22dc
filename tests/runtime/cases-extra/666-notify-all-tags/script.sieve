# purpose: notify with :from (display name), :importance 3, :options, UTF-8 :message, several to/cc/body
require ["enotify", "variables"];
if header :matches "Subject" "*" { set "s" "${1}"; }
notify :from "Sieve Daemon <sieve@example.org>" :importance "3" :options ["x-opt=1", "other=two"]
       :message "New mail: ${s} — from ${env}" "mailto:alerts@example.net?to=ops%40example.net&cc=boss%40example.net&subject=ignored&body=See%20mailbox";

# expect: 7:5: unsupported notification method 'xmpp'
# RFC 7352 (duplicate) example: notify once per event id
require ["duplicate", "enotify"];

if not duplicate :header "X-Event-ID" :handle "notifier" {
  notify :message "[SIEVE] New interesting message"
    "xmpp:user@im.example.com";
}

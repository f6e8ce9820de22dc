# expect: 2:4: requires the "enotify" extension
if valid_notify_method "mailto:alice@example.org" {
  keep;
}

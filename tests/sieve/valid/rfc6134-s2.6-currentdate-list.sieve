# RFC 6134 (extlists): currentdate :list against a holiday list,
# constructed from the usage text
require ["date", "extlists", "enotify"];

if not currentdate :list "date"
       "tag:example.com,2011-01-01:localHolidays" {
  notify "mailto:romeo@example.com";
}

require "copy";
redirect :copy "archive@example.org";
if address :is "to" "boss@example.org" {
  redirect "assistant@example.org";
}

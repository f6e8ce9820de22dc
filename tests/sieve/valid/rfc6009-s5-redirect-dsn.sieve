# RFC 6009 section 5 (redirect-dsn) example
require ["copy", "redirect-dsn"];

# Make a private copy of messages from user@example.com
if address "from" "user@example.com"
{
   redirect :copy :notify "NEVER" "elsewhere@example.com";
}

# purpose: RFC 5703 7 extracttext example (with mailto instead of an sms: URI)
require ["mime", "variables", "extracttext", "foreverypart", "enotify"];
if header :contains "from" "boss@example.org" {
  # :matches is used to get the value of the Subject header
  if header :matches "Subject" "*" {
    set "subject" "${1}";
  }
  # extract the first 40 characters of the first text/* part
  foreverypart {
    if header :mime :type :is "Content-Type" "text" {
      extracttext :first 40 "msgcontent";
      break;
    }
  }
  # if it's not a 'for your information' message
  if not header :contains "subject" "FYI:" {
    notify :message "${subject}: ${msgcontent}" "mailto:pager@example.org";
  }
}

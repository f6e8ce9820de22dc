# RFC 5436: mailto URI carrying subject and body (percent-encoded),
# constructed from the document's usage text
require "enotify";
notify "mailto:pager@example.com?subject=Alert&body=You%20have%20new%20mail";

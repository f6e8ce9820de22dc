# RFC 3894 section 3: ":copy" tagged argument to redirect (usage
# fragment completed into a script)
require "copy";
redirect :copy "archive@example.com";

# RFC 5228 section 4.1 (Action fileinto)
require "fileinto";
if header :contains ["from"] "coyote" {
    fileinto "INBOX.harassment";
}

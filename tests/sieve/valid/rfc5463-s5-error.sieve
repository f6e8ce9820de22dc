# RFC 5463 section 5 (Action error): stop with an error when a needed
# extension is missing
require "ihave";

if not ihave "vacation" {
    error "This script needs the vacation extension";
}

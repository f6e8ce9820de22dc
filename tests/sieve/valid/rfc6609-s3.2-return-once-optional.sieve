# RFC 6609 sections 3.1/3.2: include :once / :optional and return,
# constructed from the usage text
require ["include", "variables"];

include :once :personal "always_allow";
include :optional :global "site_policy";

if header :contains "X-Skip-Filters" "yes" {
    return;
}

set "global.last_rule" "default";
include :once "mailing_lists";

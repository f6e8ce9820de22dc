# Policy: main script composed of included personal/global scripts
require ["include", "variables", "fileinto"];

global "verdict";
set "verdict" "none";

include :global "spam_tests";
include :personal :once "always_allow";
include :personal :optional "local_overrides";

if string :is "${verdict}" "junk" {
    fileinto "Junk";
}

# RFC 6609 (include) example 2: sharing variables with "global"
require ["variables", "include", "relational", "fileinto"];

global "test";
global "test_mailbox";

set "test" "$$";
include "subject_tests";

set "test" "Make money";
include "subject_tests";

if string :count "eq" "${test_mailbox}" "1"
{
    fileinto "${test_mailbox}";
    stop;
}

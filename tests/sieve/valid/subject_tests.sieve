# RFC 6609 example 2: personal script "subject_tests"
require ["variables", "include"];

global "test";
global "test_mailbox";

if header :contains "Subject" "${test}"
{
    set "test_mailbox" "spam-${test}";
}

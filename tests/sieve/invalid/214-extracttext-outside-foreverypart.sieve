# expect: 3:1: foreverypart
require ["variables", "foreverypart", "extracttext"];
extracttext "text";

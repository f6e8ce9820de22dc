# Stage: data. Tag likely spam, refuse executables, drop known backscatter.
require ["variables", "reject", "editheader", "body", "relational",
         "comparator-i;ascii-numeric", "mime", "foreverypart"];

if header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "10" {
    reject "554 5.7.1 Message refused as spam.";
}
if anyof (header :contains "subject" ["viagra", "lottery winner"],
          body :text :contains "claim your prize") {
    addheader "X-Spam-Flag" "YES";
    addheader "X-Sievegate" "tagged by data_filter";
}
foreverypart {
    if header :mime :param "filename" :matches "Content-Disposition" ["*.exe", "*.scr", "*.js"] {
        reject "Executable attachments are not accepted here.";
        stop;
    }
}
if allof (header :contains "from" "MAILER-DAEMON", not exists "in-reply-to") {
    discard;
}

# RFC 6009 section 7 (redirect-deliverby): :bytimerelative and
# :bytrace, constructed from the usage text
require ["redirect-deliverby"];

if header :contains "subject" "urgent" {
   redirect :bytimerelative 600 :bymode "notify" :bytrace
            "oncall@example.net";
}

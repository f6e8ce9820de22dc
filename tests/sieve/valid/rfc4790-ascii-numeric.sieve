# RFC 4790 / RFC 5228 section 2.7.3: the i;ascii-numeric comparator
# must be required as "comparator-i;ascii-numeric"
require ["comparator-i;ascii-numeric", "relational", "fileinto"];

if header :is :comparator "i;ascii-numeric" "X-Priority" "1" {
    fileinto "urgent";
}
if header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "10" {
    discard;
}
# non-numeric strings compare equal to each other and greater than
# every number ("positive infinity")
if header :value "gt" :comparator "i;ascii-numeric" "X-Count" "99999" {
    fileinto "odd";
}

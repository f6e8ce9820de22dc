# Policy: virus scanner verdicts (virustest 1..5)
require ["virustest", "relational", "comparator-i;ascii-numeric",
         "fileinto", "reject"];

if virustest :value "eq" :comparator "i;ascii-numeric" "5" {
    reject "Message rejected: a virus was detected.";
} elsif virustest :value "ge" :comparator "i;ascii-numeric" "3" {
    fileinto "Quarantine";
} elsif virustest :value "eq" :comparator "i;ascii-numeric" "0" {
    keep;
}

require ["virustest", "relational", "comparator-i;ascii-numeric", "fileinto", "variables"];
if virustest :matches "*" { fileinto "virus=${1}"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "5" {
  fileinto "infected-yes";
} else {
  fileinto "infected-no";
}

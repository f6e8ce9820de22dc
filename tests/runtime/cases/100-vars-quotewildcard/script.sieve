require ["variables", "fileinto"];
set "raw" "a*b?c\\d";
set :quotewildcard "q" "${raw}";
fileinto "q=${q}";
if header :matches "X-Pat" "${q}" {
  fileinto "qw-matches-yes";
} else {
  fileinto "qw-matches-no";
}
if header :matches "X-Pat" "${raw}" {
  fileinto "raw-matches-yes";
} else {
  fileinto "raw-matches-no";
}

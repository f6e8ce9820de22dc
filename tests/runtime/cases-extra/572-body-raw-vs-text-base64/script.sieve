# purpose: base64 single part: :raw vs :text vs :content; upper-case CTE name
require ["body", "fileinto"];
if body :raw :contains "MAKE MONEY FAST" {
  fileinto "raw-money-yes";
} else {
  fileinto "raw-money-no";
}
if body :text :contains "MAKE MONEY FAST" {
  fileinto "text-money-yes";
} else {
  fileinto "text-money-no";
}
if body :content "text" :contains "make money fast" {
  fileinto "content-text-money-yes";
} else {
  fileinto "content-text-money-no";
}
if body :raw :contains "WW91IGNhbiBNQUtF" {
  fileinto "raw-b64-yes";
} else {
  fileinto "raw-b64-no";
}

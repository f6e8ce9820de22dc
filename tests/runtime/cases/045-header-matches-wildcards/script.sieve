require ["fileinto"];
if header :matches "Subject" "*report" {
  fileinto "m-star-yes";
} else {
  fileinto "m-star-no";
}
if header :matches "Subject" "Quarterl? report" {
  fileinto "m-q-yes";
} else {
  fileinto "m-q-no";
}
if header :matches "Subject" "Quarterl?? report" {
  fileinto "m-q2-yes";
} else {
  fileinto "m-q2-no";
}
if header :matches "Subject" "report" {
  fileinto "m-anchored-yes";
} else {
  fileinto "m-anchored-no";
}
if header :matches "Subject" "Q*r*t" {
  fileinto "m-mid-yes";
} else {
  fileinto "m-mid-no";
}
if header :matches "Subject" "*" {
  fileinto "m-star-only-yes";
} else {
  fileinto "m-star-only-no";
}

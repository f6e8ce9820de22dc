# purpose: no Content-Type at all: RFC 5703 4.2 says the default (text/plain) applies?
require ["mime", "fileinto"];
if header :mime :type "Content-Type" "text" {
  fileinto "type-text-yes";
} else {
  fileinto "type-text-no";
}
if header :mime :param "charset" "Content-Type" "us-ascii" {
  fileinto "param-charset-yes";
} else {
  fileinto "param-charset-no";
}
if header :mime :anychild :type "Content-Type" "text" {
  fileinto "anychild-text-yes";
} else {
  fileinto "anychild-text-no";
}

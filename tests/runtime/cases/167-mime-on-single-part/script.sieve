require ["mime", "foreverypart", "fileinto", "variables"];
if header :mime :type "Content-Type" "text" {
  fileinto "type-text-yes";
} else {
  fileinto "type-text-no";
}
if header :mime :param "charset" :is "Content-Type" "UTF-8" {
  fileinto "charset-yes";
} else {
  fileinto "charset-no";
}
set "c" "";
foreverypart { set "c" "${c}p"; }
fileinto "parts=${c}";

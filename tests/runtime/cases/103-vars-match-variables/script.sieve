require ["variables", "fileinto"];
if header :matches "Subject" "*ar*ly *" {
  fileinto "0=${0}";
  fileinto "1=${1}|2=${2}|3=${3}|4=${4}";
}

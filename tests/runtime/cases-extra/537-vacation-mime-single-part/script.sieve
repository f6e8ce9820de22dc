# purpose: vacation :mime with a quoted multi-line string and encoded-word subject
require ["vacation"];
vacation :mime :subject "=?utf-8?q?Abwesend?=" "Content-Type: text/plain; charset=utf-8

Ich bin nicht da.";

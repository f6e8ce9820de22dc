require "fileinto";
if header :contains "subject" [ "a", text:
multi line key
.
, "c" ] {
  fileinto "x";
}

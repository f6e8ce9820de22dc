require "fileinto";
if header :is "Subject" "He said \"hi\" and left a \\ backslash" {
  fileinto "Quotes";
}
if header :contains "X-Weird" "\q\u\o\t\e" { keep; }

# purpose: RFC 5173 example 2 verbatim with a base64 audio part
require ["body", "fileinto"];
# Save any message with any text MIME part that contains the
# words "missile" or "coordinates" in the "secrets" folder.
if body :content "text" :contains ["missile", "coordinates"] {
    fileinto "secrets";
}
# Save any message with an audio attachment in the "music" folder.
if body :content "audio" :contains "" {
    fileinto "music";
}
if body :content "audio" :contains "missile" {
  fileinto "audio-contains-missile-yes";
} else {
  fileinto "audio-contains-missile-no";
}
if body :text :contains "missile" {
  fileinto "text-contains-missile-yes";
} else {
  fileinto "text-contains-missile-no";
}

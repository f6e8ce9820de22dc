# RFC 5173 (body) example: body :content
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

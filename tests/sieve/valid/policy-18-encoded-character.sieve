# Policy: match non-ASCII and control characters via encoded-character
require ["encoded-character", "fileinto", "editheader"];

# subject containing the Cyrillic word "спам"
if header :contains "Subject" "${unicode:0441 043F 0430 043C}" {
    fileinto "Junk";
}
# a literal TAB inside the From display name
if header :contains "From" "${hex:09}" {
    addheader "X-Header-Anomaly" "tab-in-from";
}
# "${hex:24}" is a dollar sign
if header :contains "Subject" "${hex:24}${hex:24}${hex:24}" {
    fileinto "Junk";
}

# RFC 5228 section 5.7 (Test header): a header that is absent or has
# no non-whitespace content can be found with a negated :matches "?*"
if not header :matches "Cc" "?*" {
    keep;
}

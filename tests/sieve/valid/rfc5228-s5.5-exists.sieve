# RFC 5228 section 5.5 (Test exists): discard mail lacking From or Date
if not exists ["From","Date"] {
    discard;
}

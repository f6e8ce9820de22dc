# RFC 5173 section 5 (Body Transform ":raw"): usage fragment
# completed into a script
require "body";
if body :raw :contains "MAKE MONEY FAST" {
        discard;
}

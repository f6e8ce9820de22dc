# purpose: RFC 5173 :raw example against a base64 body (raw does not decode)
require ["body"];
if body :raw :contains "MAKE MONEY FAST" {
    discard;
}

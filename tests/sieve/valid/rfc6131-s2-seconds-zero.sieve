# RFC 6131 (vacation-seconds) example: :seconds 0 replies every time
require ["vacation-seconds"];
vacation :handle "auto-resp" :seconds 0
    "Your request has been received.  A service representative
will contact you as soon as possible, usually within one business
day.";

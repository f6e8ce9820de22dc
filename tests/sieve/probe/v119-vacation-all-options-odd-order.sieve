require "vacation";
vacation :mime :handle "ooo-2030" :addresses "me@example.org" :subject "S" :from "me@example.org" :days 2 text:
Content-Type: text/plain; charset=utf-8

Away.
.
;

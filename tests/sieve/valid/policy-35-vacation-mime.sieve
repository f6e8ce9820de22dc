# Policy: multipart vacation response (:mime)
require ["vacation"];

vacation :days 5 :mime :subject "Away" text:
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

I am away until Monday.
..
--b1
Content-Type: text/html; charset=utf-8

<p>I am away until <b>Monday</b>.</p>
--b1--
.
;

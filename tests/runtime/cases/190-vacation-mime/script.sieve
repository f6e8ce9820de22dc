require ["vacation"];
vacation :mime :subject "OOO" text:
Content-Type: text/plain; charset=utf-8

Abwesend bis Montag – Grüße.
.
;

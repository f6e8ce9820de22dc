require ["vacation"];
if not header :contains "Precedence" ["bulk", "list", "junk"] {
  vacation
    :days 14
    :from "Jane Doe <jane@example.org>"
    :subject "Re: your message"
    text:
Hello,

I'm on leave until the 3rd.
..This line begins with a dot.
Regards,
Jane
.
;
}

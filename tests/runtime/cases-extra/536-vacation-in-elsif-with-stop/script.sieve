# purpose: vacation inside elsif followed by stop; text: reason with two lines
require ["vacation", "fileinto"];
if header :contains "Subject" "urgent" {
    fileinto "Urgent";
} elsif header :contains "Subject" "report" {
    vacation :days 5 text:
I am away.
Reports are read on Monday.
.
;
    stop;
}
fileinto "not-reached";

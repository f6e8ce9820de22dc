# Policy: detect calendar invitations in any MIME part
require ["mime", "foreverypart", "fileinto", "imap4flags"];

foreverypart :name "scan" {
    if header :mime :contenttype :is "Content-Type" "text/calendar" {
        addflag "$Invitation";
        fileinto "Calendar";
        break :name "scan";
    }
    if header :mime :param "method" :is "Content-Type" "CANCEL" {
        fileinto "Calendar.Cancelled";
        break;
    }
}

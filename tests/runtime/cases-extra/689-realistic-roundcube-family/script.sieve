# purpose: Roundcube-style rule set: family copy with flag, regex invoice, implicit keep with flag
require ["fileinto","imap4flags","copy","body","envelope","relational","comparator-i;ascii-numeric","regex"];
# rule:[Spam]
if anyof (header :contains "subject" "[SPAM]", header :contains "x-spam-flag" "yes")
{
	fileinto "Junk";
	stop;
}
# rule:[Family]
if anyof (address :is "from" ["mom@example.com", "dad@example.com"])
{
	fileinto :copy "Family";
	addflag "\\Flagged";
}
# rule:[Invoices]
if allof (header :regex "subject" "(invoice|rechnung) #?[0-9]+", not header :contains "from" "noreply")
{
	fileinto "Finance/Invoices";
}
# rule:[Big]
if size :over 2K
{
	fileinto :flags "Big" "Large";
}
# rule:[Newsletter]
if anyof (exists "list-unsubscribe", header :contains "precedence" ["bulk", "list"])
{
	setflag "\\Seen";
	fileinto "Newsletters";
	stop;
}

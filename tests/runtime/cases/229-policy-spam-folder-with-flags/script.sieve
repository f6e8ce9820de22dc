require ["fileinto", "imap4flags", "spamtest", "relational", "comparator-i;ascii-numeric"];
if spamtest :value "ge" :comparator "i;ascii-numeric" "6" {
  addflag "$Junk";
  fileinto "Junk";
  stop;
}
keep;

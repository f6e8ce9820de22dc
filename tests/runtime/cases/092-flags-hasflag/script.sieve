require ["imap4flags", "fileinto"];
setflag ["\\Seen", "Work"];
if hasflag "\\seen" {
  fileinto "has-seen-yes";
} else {
  fileinto "has-seen-no";
}
if hasflag ["nope", "WORK"] {
  fileinto "has-work-any-yes";
} else {
  fileinto "has-work-any-no";
}
if hasflag "\\Draft" {
  fileinto "has-draft-yes";
} else {
  fileinto "has-draft-no";
}
if hasflag :contains "Wor" {
  fileinto "contains-yes";
} else {
  fileinto "contains-no";
}
removeflag "\\Seen";

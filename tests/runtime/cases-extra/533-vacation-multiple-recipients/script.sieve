# purpose: vacation to a message with several To/Cc recipients, combined with fileinto and fileinto :copy
require ["vacation", "fileinto", "copy"];
vacation :addresses ["bob@example.org", "bobby@example.org"] :subject "Out" "Out of office.";
fileinto "Archive";
fileinto :copy "Backup";

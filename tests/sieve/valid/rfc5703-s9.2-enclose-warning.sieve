# RFC 5703 section 9.2 (Example 2): enclose messages carrying executables
require ["mime", "foreverypart", "enclose"];

foreverypart
{
   if header :mime :param "filename"
      :matches ["Content-Type", "Content-Disposition"]
        ["*.com", "*.exe", "*.vbs", "*.scr",
         "*.pif", "*.hta", "*.bat", "*.zip" ]
   {
      # these attachment types are executable
      enclose :subject "Warning" text:
WARNING! The enclosed message contains executable attachments.
These attachment types may contain a computer virus program
that can infect your computer and potentially damage your data.

Before clicking on these message attachments, you should verify
with the sender that this message was sent by them and not a
computer virus.
.
;
      break;
   }
}

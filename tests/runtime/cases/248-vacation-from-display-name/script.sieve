require ["vacation"];
vacation :from "Bob Example <bob@example.org>" :subject "Away: =?x?=" "away";

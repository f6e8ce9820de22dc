require ["vacation"];
vacation :days 3 :subject "Out of office" :from "bob@example.org" :addresses ["bob@example.org", "robert@example.org"] :handle "ooo-2024" "Back on Monday.";

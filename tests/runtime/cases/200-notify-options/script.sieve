require ["enotify"];
notify :importance "1" :from "sieve@example.org" :message "Urgent: new mail" "mailto:alerts@example.net?subject=ignored";

# Personal mail rules, maintained by hand
require ["fileinto", "envelope", "reject", "vacation", "variables", "imap4flags",
         "relational", "comparator-i;ascii-numeric", "copy", "body", "regex", "date"];

# --- 1. Drop known junk ------------------------------------------------
if anyof (header :contains "X-Spam-Flag" "YES",
          header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "8") {
    fileinto "Junk";
    stop;
}

# --- 2. Mailing lists --------------------------------------------------
if header :regex "List-Id" "<([a-z0-9-]+)\\.lists\\.example\\.org>" {
    set :lower "list" "${1}";
    fileinto :copy "Lists/${list}";
    addflag "\\Seen";
    stop;
}

# --- 3. Bills ----------------------------------------------------------
if allof (address :domain :is "from" ["bank.example", "power.example"],
          body :contains ["invoice", "amount due"]) {
    setflag "\\Flagged";
    fileinto "Bills";
}

# --- 4. Old mail -------------------------------------------------------
if date :value "lt" "date" "year" "2000" {
    fileinto "Archive/Ancient";
}

# --- 5. Vacation -------------------------------------------------------
if currentdate :value "ge" "date" "2030-07-01" {
  if currentdate :value "le" "date" "2030-07-15" {
    vacation :days 3 :subject "Away" "I am away.";
  }
}

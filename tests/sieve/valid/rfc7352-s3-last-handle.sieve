# RFC 7352 section 3: :last and :handle, constructed from usage text
require ["duplicate", "fileinto"];

if duplicate :last :handle "list-dups" :header "Message-ID" :seconds 86400 {
  fileinto "Duplicates";
}

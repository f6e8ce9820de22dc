# Policy: quarantine dangerous attachment types
require ["mime", "foreverypart", "fileinto", "editheader", "variables"];

foreverypart {
    if header :mime :param "filename" :matches
            ["Content-Type", "Content-Disposition"]
            ["*.exe", "*.scr", "*.js", "*.vbs", "*.bat", "*.cmd", "*.iso"] {
        if header :mime :param "filename" :matches "Content-Disposition" "*" {
            set "fname" "${1}";
        }
        addheader "X-Quarantine-Reason" "attachment ${fname}";
        fileinto "Quarantine";
        break;
    }
}

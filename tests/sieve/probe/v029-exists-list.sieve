if exists ["From", "Date", "Message-ID", "To"] { keep; } else { discard; }

require "enotify";
notify :from "Robot <robot@example.org>" "mailto:a@example.org";

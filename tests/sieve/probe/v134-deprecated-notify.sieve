require "notify";
notify :method "mailto" :options "me@example.org" :message "New mail" :low;
denotify;

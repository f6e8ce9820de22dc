require "notify";
notify :method "mailto" :options ["a@example.org"] :high;

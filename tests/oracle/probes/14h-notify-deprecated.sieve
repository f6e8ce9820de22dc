require "notify";
notify :method "mailto:a@b" :low "x";

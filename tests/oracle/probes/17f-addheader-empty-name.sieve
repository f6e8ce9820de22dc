require "editheader";
addheader "" "x";

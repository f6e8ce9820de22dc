require "include";
include :personal :global :optional "x";

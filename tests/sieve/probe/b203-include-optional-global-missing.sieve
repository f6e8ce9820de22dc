require "include";
include :global :optional "nope";

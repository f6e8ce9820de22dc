require "include";
include :global "no-such-global";

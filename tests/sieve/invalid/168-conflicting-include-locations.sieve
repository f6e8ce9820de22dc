# expect: 3:19: conflicts with ':personal'
require "include";
include :personal :global "common";

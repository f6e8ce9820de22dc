// Check stage: the generic rules of RFC 5228 applied from the registry.
#include <catch2/catch.hpp>

#include <string>

#include "sieve/sieve.h"
#include "tests/sieve/test_util.h"

using sievegate::policy::check_source;
using sievegate::policy::testing::diagnostics_of;
using sievegate::policy::testing::is_valid;

TEST_CASE("the seed connect script is valid with only variables and reject") {
  CHECK(diagnostics_of("require [\"variables\", \"reject\"];\n"
                       "\n"
                       "if string \"${env.remote_ip}\" \"10.0.0.88\" {\n"
                       "    reject \"Your IP '${env.remote_ip}' is not welcomed here.\";\n"
                       "}\n") == "");
}

TEST_CASE("require: placement, unknown capabilities, suggestions") {
  CHECK(diagnostics_of("keep;\nrequire \"fileinto\";") ==
        "2:1: error: 'require' must come before any other command\n");
  CHECK(diagnostics_of("if true { require \"fileinto\"; }") ==
        "1:11: error: 'require' is only allowed at the top level, before any other command\n");
  CHECK(diagnostics_of("require [\"fileinto\", \"varibles\"];") ==
        "1:22: error: unknown extension \"varibles\" (did you mean \"variables\"?)\n");
  CHECK(diagnostics_of("require \"FILEINTO\";").find("unknown extension \"FILEINTO\"") !=
        std::string::npos);
  CHECK(diagnostics_of("require \"imapflags\";") ==
        "1:9: warning: extension \"imapflags\" is deprecated, use \"imap4flags\"\n");
  CHECK(is_valid("require \"fileinto\"; require \"copy\"; # twice is fine\nkeep;"));
  CHECK(diagnostics_of("require 5;") == "1:9: error: argument <capabilities> must be a string list, not a number\n");
}

TEST_CASE("unknown commands and tests, with suggestions") {
  CHECK(diagnostics_of("fileinot \"x\";") ==
        "1:1: error: unknown command 'fileinot' (did you mean 'fileinto'?)\n");
  CHECK(diagnostics_of("if hedaer \"a\" \"b\" { keep; }") ==
        "1:4: error: unknown test 'hedaer' (did you mean 'header'?)\n");
  CHECK(diagnostics_of("frobnicate;") == "1:1: error: unknown command 'frobnicate'\n");
  CHECK(diagnostics_of("header \"a\" \"b\";") == "1:1: error: 'header' is a test, not a command\n");
  CHECK(diagnostics_of("if keep { stop; }") == "1:4: error: 'keep' is a command, not a test\n");
}

TEST_CASE("extensions must be required before use") {
  CHECK(diagnostics_of("fileinto \"x\";") ==
        "1:1: error: command 'fileinto' requires the \"fileinto\" extension (add it to 'require')\n");
  CHECK(diagnostics_of("if envelope \"from\" \"a\" { keep; }") ==
        "1:4: error: test 'envelope' requires the \"envelope\" extension (add it to 'require')\n");
  CHECK(diagnostics_of("redirect :copy \"a@b.c\";") ==
        "1:10: error: tag ':copy' requires the \"copy\" extension (add it to 'require')\n");
  CHECK(diagnostics_of("if header :count \"ge\" \"to\" \"2\" { keep; }") ==
        "1:11: error: tag ':count' requires the \"relational\" extension (add it to 'require')\n");
  CHECK(diagnostics_of("if address :detail \"to\" \"x\" { keep; }") ==
        "1:12: error: tag ':detail' requires the \"subaddress\" extension (add it to 'require')\n");
}

TEST_CASE("tags: unknown, repeated, conflicting, misplaced, missing parameter") {
  CHECK(diagnostics_of("if header :contians \"a\" \"b\" { keep; }") ==
        "1:11: error: unknown tag ':contians' for 'header' (did you mean ':contains'?)\n");
  CHECK(diagnostics_of("if header :is :is \"a\" \"b\" { keep; }") ==
        "1:15: error: tag ':is' is given more than once\n");
  CHECK(diagnostics_of("if header :is :contains \"a\" \"b\" { keep; }") ==
        "1:15: error: tag ':contains' conflicts with ':is' (only one match type is allowed)\n");
  CHECK(diagnostics_of("if address :all :domain \"to\" \"b\" { keep; }") ==
        "1:17: error: tag ':domain' conflicts with ':all' (only one address part is allowed)\n");
  CHECK(diagnostics_of("if header \"a\" :is \"b\" { keep; }") ==
        "1:15: error: tag ':is' must come before the positional arguments of 'header'\n");
  CHECK(diagnostics_of("if header :comparator { keep; }").find(
            "tag ':comparator' needs a string (comparator-name)") != std::string::npos);
  CHECK(diagnostics_of("if size :over :under 5 { keep; }") ==
        "1:15: error: tag ':under' conflicts with ':over' (they cannot be used together)\n");
  CHECK(diagnostics_of("if size 5 { keep; }") == "1:4: error: 'size' needs one of :over or :under\n");
}

TEST_CASE("positional arguments: count and types") {
  CHECK(diagnostics_of("redirect;") ==
        "1:1: error: 'redirect' needs 1 positional argument, 0 given (missing <address: string>)\n");
  CHECK(diagnostics_of("keep \"x\";") ==
        "1:6: error: too many arguments for 'keep': it takes 0 positional arguments\n");
  CHECK(diagnostics_of("redirect [\"a@b.c\"];") ==
        "1:10: error: argument <address> must be a string, not a string list\n");
  CHECK(diagnostics_of("redirect 5;") == "1:10: error: argument <address> must be a string, not a number\n");
  CHECK(diagnostics_of("if size :over \"5\" { keep; }") ==
        "1:15: error: argument <limit> must be a number, not a string\n");
  CHECK(diagnostics_of("if header \"a\" { keep; }") ==
        "1:4: error: 'header' needs 2 positional arguments, 1 given (missing <key-list: string list>)\n");
  // A one-element bracketed list is still a list where a list is allowed.
  CHECK(is_valid("if header [\"a\"] [\"b\"] { keep; }"));
}

TEST_CASE("sub-tests and blocks") {
  CHECK(diagnostics_of("if { keep; }") == "1:1: error: 'if' needs a test\n");
  CHECK(diagnostics_of("if true;") == "1:8: error: 'if' needs a block { ... }\n");
  CHECK(diagnostics_of("keep { stop; }") == "1:1: error: 'keep' takes no block (use ';')\n");
  CHECK(diagnostics_of("if not (true) { keep; }") ==
        "1:8: error: 'not' takes one test, not a test list in parentheses\n");
  CHECK(diagnostics_of("if (true) { keep; }") ==
        "1:4: error: 'if' takes one test, not a test list in parentheses\n");
  CHECK(diagnostics_of("if allof true { keep; }") ==
        "1:10: error: 'allof' needs a test list in parentheses, e.g. allof (true, false)\n");
  CHECK(diagnostics_of("keep\nstop;") ==
        "2:1: error: 'keep' takes no test, found 'stop' (missing ';' at the end of line 1?)\n");
}

TEST_CASE("elsif and else follow if") {
  CHECK(is_valid("if true { keep; } elsif false { stop; } else { discard; }"));
  CHECK(diagnostics_of("elsif true { keep; }") ==
        "1:1: error: 'elsif' must follow an 'if' or 'elsif' block\n");
  CHECK(diagnostics_of("if true { keep; } else { stop; } else { stop; }") ==
        "1:34: error: 'else' must follow an 'if' or 'elsif' block\n");
  CHECK(diagnostics_of("if true { keep; } stop; else { stop; }") ==
        "1:25: error: 'else' must follow an 'if' or 'elsif' block\n");
}

TEST_CASE("comparators and match types (RFC 5228 2.7)") {
  CHECK(diagnostics_of("if header :comparator \"i;foo\" \"a\" \"b\" { keep; }") ==
        "1:23: error: unknown comparator \"i;foo\"\n");
  CHECK(diagnostics_of("if header :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }") ==
        "1:23: error: comparator \"i;ascii-numeric\" requires the \"comparator-i;ascii-numeric\" "
        "extension (add it to 'require')\n");
  CHECK(diagnostics_of("require \"comparator-i;ascii-numeric\";\n"
                       "if header :contains :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }") ==
        "2:11: error: match type ':contains' cannot be used with comparator \"i;ascii-numeric\" "
        "(it has no substring matching)\n");
  CHECK(is_valid("if header :comparator \"i;octet\" :is \"a\" \"b\" { keep; }"));
  CHECK(is_valid("require \"variables\"; set \"c\" \"i;octet\";\n"
                 "if header :is \"a\" \"${c}\" { keep; }"));
  CHECK(diagnostics_of("require \"variables\"; set \"c\" \"i;octet\";\n"
                       "if header :comparator \"${c}\" \"a\" \"b\" { keep; }") ==
        "2:23: error: the comparator name must be a constant string, not a variable\n");
}

TEST_CASE("variables: namespaces, names, match variables") {
  CHECK(is_valid("require \"variables\"; set \"x\" \"${env.remote_ip} ${envelope.from} ${1}\";"));
  CHECK(diagnostics_of("require \"variables\"; set \"x\" \"${foo.bar}\";") ==
        "1:30: error: unknown variable namespace 'foo' in '${foo.bar}'\n");
  CHECK(diagnostics_of("require \"variables\"; set \"x\" \"${global.y}\";") ==
        "1:30: error: variable namespace 'global' requires the \"include\" extension (add it to "
        "'require')\n");
  CHECK(is_valid("require [\"variables\", \"include\"]; set \"global.x\" \"${global.y}\";"));
  CHECK(diagnostics_of("require \"variables\"; set \"1abc\" \"x\";").find(
            "1:26: error: invalid variable name \"1abc\"") == 0);
  CHECK(diagnostics_of("require \"variables\"; set \"env.x\" \"y\";") ==
        "1:26: error: variables in namespace 'env' are read-only\n");
  CHECK(is_valid("require \"variables\"; set \"envelope.from\" \"a@b.c\";"));
  CHECK(diagnostics_of("require \"variables\"; set \"envelope.x\" \"y\";").find(
            "cannot set \"envelope.x\"") != std::string::npos);
  CHECK(diagnostics_of("require \"variables\"; set \"x\" \"${33}\";") ==
        "1:30: error: match variable '${33}' is out of range (0 to 32)\n");
  // Without "variables", "${...}" is plain text.
  CHECK(is_valid("if header :is \"a\" \"${foo.bar}\" { keep; }"));
  CHECK(diagnostics_of("require \"variables\"; set :lower :upper \"a\" \"b\";") ==
        "1:33: error: tag ':upper' conflicts with ':lower' (modifiers of the same precedence "
        "cannot be combined)\n");
  CHECK(is_valid("require \"variables\"; set :lower :upperfirst :quotewildcard :length \"a\" \"b\";"));
}

TEST_CASE("encoded-character decodes at check time (RFC 5228 2.4.2.4)") {
  auto result = check_source(
      "require \"encoded-character\";\n"
      "redirect \"${hex:61 40}b${unicode:0020}c\";");
  // A space is not valid in a domain: the decoded value is what gets checked.
  CHECK(result.diagnostics.size() == 1);
  result = check_source("require \"encoded-character\";\nif header :is \"a\" \"${hex: 48 49 }${unicode:263a}${HEX:zz}\" { keep; }");
  REQUIRE(result.diagnostics.empty());
  const auto& s = result.script.ast.commands[1].tests[0].arguments[2].strings[0].value;
  CHECK(s == "HI\xE2\x98\xBA${HEX:zz}");
  CHECK(diagnostics_of("require \"encoded-character\";\nif header :is \"a\" \"${unicode:D800}\" { keep; }") ==
        "2:19: error: invalid Unicode code point D800 in encoded-character string (allowed: 0-D7FF "
        "and E000-10FFFF)\n");
  CHECK_FALSE(is_valid("require \"encoded-character\";\nif header :is \"a\" \"${unicode:110000}\" { keep; }"));
  // Without the extension the sequence is literal.
  CHECK(is_valid("if header :is \"a\" \"${unicode:D800}\" { keep; }"));
}

TEST_CASE("ihave guards a block (RFC 5463)") {
  CHECK(is_valid("require \"ihave\";\nif ihave \"fileinto\" { fileinto \"x\"; }"));
  CHECK(is_valid("require \"ihave\";\nif ihave \"x-unknown\" { frobnicate 1 2 3; }"));
  CHECK(is_valid("require \"ihave\";\nif ihave \"fileinto\" { keep; } else { fileinto \"x\"; }"));
  // Like Pigeonhole: once tested with ihave, a known capability stays enabled.
  CHECK(is_valid("require \"ihave\";\nif ihave \"fileinto\" { keep; }\nfileinto \"x\";"));
}

TEST_CASE("nesting limits agree with Pigeonhole (31 blocks, 31 tests)") {
  auto blocks = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "if true {\n";
    s += "keep;\n";
    for (int i = 0; i < n; ++i) s += "}\n";
    return s;
  };
  auto tests = [](int n) {
    std::string s = "if ";
    for (int i = 0; i < n - 1; ++i) s += "not ";
    return s + "true { keep; }";
  };
  CHECK(is_valid(blocks(31)));
  CHECK(diagnostics_of(blocks(32)) == "32:1: error: blocks nested deeper than 31 levels\n");
  CHECK(is_valid(tests(31)));
  CHECK(diagnostics_of(tests(32)) == "1:128: error: tests nested deeper than 31 levels\n");
}

// The extension registry: what the checker knows about every command, test, tag,
// comparator and variable namespace, and which `require` capability brings each in.
//
// Each extension lives in its own file under sieve/extensions/ and declares its
// signatures here through a small builder; RFC rules that a signature cannot express are
// extra check functions attached to the command or tag. Adding an extension is one new
// file plus one line in extensions/extensions.cc. The registry is built once and then
// shared read-only by every check.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sieve/front/ast.h"
#include "sieve/front/diagnostic.h"
#include "sieve/program/program.h"

namespace sievegate::policy {

enum class ArgType {
  kString,      // exactly one string (RFC 5228 2.4.2)
  kStringList,  // one string or a bracketed list (2.4.2.1)
  kNumber,      // a number with optional quantifier (2.4.1)
};

const char* arg_type_name(ArgType type);

// Tags of one group exclude each other (RFC 5228 2.7.1-2.7.3: one comparator, one match
// type, one address part; extensions add their own alternatives).
enum class TagGroup {
  kNone,
  kComparator,       // :comparator
  kMatchType,        // :is :contains :matches :count :value :regex :list
  kAddressPart,      // :all :localpart :domain :user :detail
  kBodyTransform,    // :raw :content :text (RFC 5173)
  kSizeRelation,     // :over :under (RFC 5228 5.9)
  kLocation,         // :personal :global (RFC 6609)
  kZone,             // :zone :originalzone (RFC 5260)
  kVacationPeriod,   // :days :seconds (RFC 6131)
  kDuplicateSource,  // :header :uniqueid (RFC 7352)
  kDeliverByTime,    // :bytimerelative :bytimeabsolute (RFC 6009)
  kModCase,          // set modifiers, precedence 40: :lower :upper (RFC 5229 4.1)
  kModFirst,         // precedence 30: :lowerfirst :upperfirst
  kModQuote,         // precedence 20: :quotewildcard :quoteregex
  kModEncodeUrl,     // precedence 15: :encodeurl (RFC 5435 6)
  kModLength,        // precedence 10: :length
  kMimeOption,       // :type :subtype :contenttype :param (RFC 5703 4.2)
};

class CheckContext;

// An extra rule, run after the generic argument checks of a command or test.
using CheckFn = std::function<void(CheckContext&)>;

// The code generation hook: derives the typed arguments (Operand::data) from the
// generic operand the generator resolved against the spec. Runs once per compile.
using GenerateFn = void (*)(Operand& op);

struct TagSpec {
  std::string name;       // without ':'
  std::string extension;  // capability that must be required ("" = that of the command)
  TagGroup group = TagGroup::kNone;
  std::optional<ArgType> parameter;  // the argument the tag takes, if any
  std::string parameter_name;        // for messages: ":days <number>"
  bool substring_match = false;      // match type that needs a substring comparator
  std::vector<std::string> requires_tags;  // e.g. :last needs :index
  bool repeatable = false;  // may be given twice (Pigeonhole accepts these repeated)
};

struct PositionalSpec {
  std::string name;
  ArgType type = ArgType::kString;
  bool optional = false;  // optional positionals are filled left to right
};

enum class SubTests {
  kNone,  // no test may follow the arguments
  kOne,   // exactly one test (if, not)
  kList,  // a parenthesised test list (allof, anyof)
};

struct CommandSpec {
  std::string name;
  bool is_test = false;
  std::string extension;  // "" = core RFC 5228
  std::vector<TagSpec> tags;
  std::vector<PositionalSpec> positional;
  SubTests sub_tests = SubTests::kNone;
  bool block = false;  // takes a { } block (control commands)
  std::vector<TagGroup> required_groups;
  std::vector<CheckFn> checks;
  GenerateFn generate = nullptr;  // code generation into typed operands (optional)
  ExecuteFn execute = nullptr;    // execution; null: the interpreter's own opcode

  const TagSpec* find_tag(std::string_view tag) const;
  bool has_group(TagGroup group) const;
  std::size_t required_positionals() const;
  // For `given` positional arguments (required <= given <= positional.size()): per
  // entry of `positional`, the index of the argument that fills it, or -1 for an
  // omitted optional one. Optional positionals are filled left to right by count.
  std::vector<int> assign_positionals(std::size_t given) const;
};

struct ComparatorSpec {
  std::string name;       // e.g. "i;ascii-numeric"
  std::string extension;  // capability to require ("" = always available)
  bool substring = true;  // supports :contains / :matches (RFC 4790 4.2)
};

struct ExtensionSpec {
  std::string name;
  std::vector<std::string> implies;  // capabilities that requiring this one also enables
  std::string deprecated_by;         // non-empty: warn and suggest this name
};

// A `${namespace.name}` prefix (RFC 5229 3) and who provides it.
struct NamespaceSpec {
  std::string name;                   // "env", "envelope", "global"
  std::string extension;              // capability needed besides "variables"
  bool settable = false;              // `set "ns.x"` allowed
  std::vector<std::string> settable_names;  // if non-empty, only these after the prefix
};

class RegistryBuilder;

class Registry {
 public:
  // Every extension sievegate implements, built on first use.
  static const Registry& standard();

  const CommandSpec* command(std::string_view name) const;
  const ExtensionSpec* extension(std::string_view name) const;
  const ComparatorSpec* comparator(std::string_view name) const;
  const NamespaceSpec* variable_namespace(std::string_view name) const;

  // Names for "did you mean" suggestions.
  std::vector<std::string> command_names(bool tests) const;
  std::vector<std::string> extension_names() const;

 private:
  friend class RegistryBuilder;
  std::map<std::string, CommandSpec, std::less<>> commands_;
  std::map<std::string, ExtensionSpec, std::less<>> extensions_;
  std::map<std::string, ComparatorSpec, std::less<>> comparators_;
  std::map<std::string, NamespaceSpec, std::less<>> namespaces_;
};

// Fluent declarations used by the files in sieve/extensions/.
class CommandBuilder {
 public:
  explicit CommandBuilder(CommandSpec& spec) : spec_(spec) {}
  CommandBuilder& tag(TagSpec tag);
  CommandBuilder& flag(std::string name, TagGroup group = TagGroup::kNone);
  CommandBuilder& tag_with(std::string name, ArgType type, std::string parameter_name,
                           TagGroup group = TagGroup::kNone);
  CommandBuilder& positional(std::string name, ArgType type);
  CommandBuilder& optional(std::string name, ArgType type);
  CommandBuilder& sub_tests(SubTests kind);
  CommandBuilder& block();
  CommandBuilder& require_group(TagGroup group);
  CommandBuilder& check(CheckFn fn);
  // The stages after checking: typed operands at code generation, then execution.
  CommandBuilder& generate(GenerateFn fn);
  CommandBuilder& execute(ExecuteFn fn);
  // The standard :comparator, match-type and address-part tags of RFC 5228 2.7.
  CommandBuilder& comparator();
  CommandBuilder& match_type();
  CommandBuilder& address_part();

 private:
  CommandSpec& spec_;
};

class RegistryBuilder {
 public:
  explicit RegistryBuilder(Registry& registry) : registry_(registry) {}

  void extension(ExtensionSpec spec);
  CommandBuilder command(std::string name, std::string extension = "");
  CommandBuilder test(std::string name, std::string extension = "");
  // Adds a tag to a command declared by any extension (applied when building ends).
  void tag(std::string command, TagSpec tag);
  // Adds a tag to every command that has a tag of `group` (new match types, parts).
  void tag_for_group(TagGroup group, TagSpec tag);
  // Adds a check to a command declared by any extension.
  void check(std::string command, CheckFn fn);
  // Sets the code generation and execution hooks of a command declared by any extension.
  void stages(std::string command, GenerateFn generate, ExecuteFn execute);
  // Adds a check to every command that has a tag of `group` (e.g. comparator rules).
  void check_for_group(TagGroup group, CheckFn fn);
  void comparator(ComparatorSpec spec);
  void variable_namespace(NamespaceSpec spec);

  void finish();

 private:
  CommandBuilder add(std::string name, std::string extension, bool is_test);

  Registry& registry_;
  std::vector<std::pair<std::string, TagSpec>> pending_tags_;
  std::vector<std::pair<TagGroup, TagSpec>> pending_group_tags_;
  std::vector<std::pair<std::string, CheckFn>> pending_checks_;
  std::vector<std::pair<TagGroup, CheckFn>> pending_group_checks_;
  std::vector<std::tuple<std::string, GenerateFn, ExecuteFn>> pending_stages_;
};

}  // namespace sievegate::policy

// The check stage. See checker.h for the rules applied here; extension-specific rules
// live beside their extension in sieve/extensions/.
#include "sieve/front/checker.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/text.h"
#include "base/suggest.h"
#include "sieve/program/limits.h"
#include "sieve/front/variables_syntax.h"

namespace sievegate::policy {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\r') {
      out += "\\r";
      continue;
    }
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}


std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  return base::closest(word, candidates);
}

namespace {

std::string did_you_mean(const std::string& suggestion, char quote = '\'') { return base::did_you_mean(suggestion, quote); }

// The resolved arguments of one command or test, after generic checks.
struct Resolved {
  std::map<std::string, std::pair<const Argument*, const Argument*>, std::less<>> tags;
  std::map<std::string, const Argument*, std::less<>> positional;
};

class Checker;

class NodeContext final : public CheckContext {
 public:
  NodeContext(Checker& checker, const CommandSpec& spec, SourcePos pos,
              const std::vector<Test>& tests, const Resolved& resolved)
      : checker_(checker), spec_(spec), pos_(pos), tests_(tests), resolved_(resolved) {}

  const Registry& registry() const override;
  const std::string& name() const override { return spec_.name; }
  SourcePos pos() const override { return pos_; }
  bool is_test() const override { return spec_.is_test; }
  const Argument* tag(std::string_view name) const override {
    auto it = resolved_.tags.find(name);
    return it == resolved_.tags.end() ? nullptr : it->second.first;
  }
  const Argument* tag_parameter(std::string_view name) const override {
    auto it = resolved_.tags.find(name);
    return it == resolved_.tags.end() ? nullptr : it->second.second;
  }
  const Argument* positional(std::string_view name) const override {
    auto it = resolved_.positional.find(name);
    return it == resolved_.positional.end() ? nullptr : it->second;
  }
  const std::vector<Test>& tests() const override { return tests_; }
  bool has(std::string_view capability) const override;
  std::optional<std::string> constant(const StringLiteral& s) const override;
  const std::vector<const Command*>& enclosing() const override;
  void error(SourcePos pos, std::string code, std::string message) override;
  void warning(SourcePos pos, std::string code, std::string message) override;
  bool declare_variable(const std::string& lower_name) override;

 private:
  Checker& checker_;
  const CommandSpec& spec_;
  SourcePos pos_;
  const std::vector<Test>& tests_;
  const Resolved& resolved_;
};

class Checker {
 public:
  Checker(const Registry& registry, Diagnostics& out) : registry_(registry), out_(out) {}

  std::set<std::string> run(Ast& ast) {
    std::size_t first = read_requires(ast.commands);
    const Command* previous = nullptr;
    for (std::size_t i = first; i < ast.commands.size(); ++i) {
      check_command(ast.commands[i], previous);
      previous = &ast.commands[i];
    }
    return capabilities_;
  }

  // ---------------------------------------------------------------- used by NodeContext
  bool has(std::string_view capability) const {
    return capabilities_.count(std::string(capability)) > 0;
  }
  std::optional<std::string> constant(const StringLiteral& s) const {
    if (has("variables") && variables::has_reference(s.value)) return std::nullopt;
    return s.value;
  }
  const std::vector<const Command*>& enclosing() const { return enclosing_; }
  const Registry& registry() const { return registry_; }
  void report(Severity severity, SourcePos pos, std::string code, std::string message) {
    if (static_cast<int>(out_.size()) >= limits::kMaxDiagnostics) return;
    out_.push_back(Diagnostic{severity, pos, std::move(code), std::move(message)});
  }
  void error(SourcePos pos, std::string code, std::string message) {
    report(Severity::kError, pos, std::move(code), std::move(message));
  }

 private:
  // RFC 5228 3.2: require commands come first. Returns the index of the first other.
  std::size_t read_requires(std::vector<Command>& commands) {
    std::size_t i = 0;
    for (; i < commands.size() && commands[i].name == "require"; ++i) {
      Command& cmd = commands[i];
      const CommandSpec* spec = registry_.command("require");
      Resolved resolved;
      if (!check_arguments(*spec, cmd.name, cmd.pos, cmd.arguments, resolved)) continue;
      check_sub_tests(*spec, cmd.pos, cmd.tests, cmd.test_list, cmd.test_list_pos);
      check_block(*spec, cmd);
      const Argument* list = resolved.positional["capabilities"];
      if (list == nullptr) continue;
      for (const StringLiteral& s : list->strings) add_capability(s);
    }
    return i;
  }

  void add_capability(const StringLiteral& s) {
    const ExtensionSpec* ext = registry_.extension(s.value);
    if (ext == nullptr) {
      error(s.pos, "unknown-extension",
            "unknown extension " + quote(s.value) +
                did_you_mean(suggest(s.value, registry_.extension_names()), '"'));
      return;
    }
    explicit_.insert(ext->name);
    if ((ext->name == "imapflags" && explicit_.count("imap4flags")) ||
        (ext->name == "imap4flags" && explicit_.count("imapflags"))) {
      error(s.pos, "conflicting-extensions",
            "the deprecated \"imapflags\" extension cannot be used together with \"imap4flags\"");
    }
    if (!ext->deprecated_by.empty()) {
      report(Severity::kWarning, s.pos, "deprecated-extension",
             "extension " + quote(s.value) + " is deprecated, use " + quote(ext->deprecated_by));
    }
    enable(*ext, capabilities_);
  }

  void enable(const ExtensionSpec& ext, std::set<std::string>& into) {
    if (!into.insert(ext.name).second) return;
    for (const std::string& implied : ext.implies) {
      if (const ExtensionSpec* e = registry_.extension(implied)) enable(*e, into);
    }
  }

  // ---------------------------------------------------------------- commands

  void check_command(Command& cmd, const Command* previous) {
    const CommandSpec* spec = registry_.command(cmd.name);
    if (cmd.name == "require") {
      error(cmd.pos, "require-placement",
            enclosing_.empty() ? "'require' must come before any other command"
                               : "'require' is only allowed at the top level, before any "
                                 "other command");
      return;
    }
    if (spec == nullptr || spec->is_test) {
      if (skip_unknown_ > 0) return;  // inside `if ihave` of a capability we lack
      if (spec != nullptr) {
        error(cmd.pos, "test-as-command", "'" + cmd.spelling + "' is a test, not a command");
      } else {
        error(cmd.pos, "unknown-command",
              "unknown command '" + cmd.spelling + "'" +
                  did_you_mean(suggest(cmd.name, registry_.command_names(false))));
      }
      check_block_commands(cmd);
      return;
    }
    check_extension(*spec, cmd.pos, "command");
    if (cmd.has_block && block_depth_ >= limits::kMaxBlockNesting) {
      error(cmd.pos, "nesting-too-deep",
            "blocks nested deeper than " + std::to_string(limits::kMaxBlockNesting) + " levels");
      return;
    }
    if (spec->name == "elsif" || spec->name == "else") {
      if (previous == nullptr || (previous->name != "if" && previous->name != "elsif")) {
        error(cmd.pos, "else-without-if",
              "'" + cmd.name + "' must follow an 'if' or 'elsif' block");
      }
    }
    Resolved resolved;
    bool arguments_ok = check_arguments(*spec, cmd.name, cmd.pos, cmd.arguments, resolved);
    bool tests_ok = check_sub_tests(*spec, cmd.pos, cmd.tests, cmd.test_list, cmd.test_list_pos);
    check_block(*spec, cmd);
    if (arguments_ok && tests_ok) {
      NodeContext context(*this, *spec, cmd.pos, cmd.tests, resolved);
      for (const CheckFn& fn : spec->checks) fn(context);
    }
    if (spec->sub_tests != SubTests::kNone) {
      for (Test& t : cmd.tests) check_test(t);
    }

    // `if ihave "x" { ... }` (RFC 5463 4): the block may use x without requiring it, and
    // is not checked at all when x is not available here. Like Pigeonhole (the reference
    // implementation), a known capability stays enabled for the rest of the script.
    int saved_skip = skip_unknown_;
    if ((spec->name == "if" || spec->name == "elsif") && cmd.tests.size() == 1) {
      apply_ihave(cmd.tests[0]);
    }
    check_block_commands(cmd);
    skip_unknown_ = saved_skip;
  }

  void apply_ihave(const Test& test) {
    const Test* t = &test;
    if (t->name != "ihave") {
      // Pigeonhole honours an ihave test wherever it stands in the condition.
      for (const Test& sub : t->tests) apply_ihave(sub);
      return;
    }
    if (!has("ihave") || t->arguments.size() != 1) return;
    for (const StringLiteral& s : t->arguments[0].strings) {
      const ExtensionSpec* ext = registry_.extension(s.value);
      if (ext == nullptr) {
        ++skip_unknown_;
        return;
      }
      enable(*ext, capabilities_);
    }
  }

  void check_block_commands(Command& cmd) {
    ++block_depth_;
    enclosing_.push_back(&cmd);
    const Command* previous = nullptr;
    for (Command& child : cmd.block) {
      check_command(child, previous);
      previous = &child;
    }
    enclosing_.pop_back();
    --block_depth_;
  }

  void check_test(Test& t, int depth = 1) {
    if (depth > limits::kMaxTestNesting) {
      error(t.pos, "nesting-too-deep",
            "tests nested deeper than " + std::to_string(limits::kMaxTestNesting) + " levels");
      return;
    }
    const CommandSpec* spec = registry_.command(t.name);
    if (spec == nullptr || !spec->is_test) {
      if (skip_unknown_ > 0) return;
      if (spec != nullptr) {
        error(t.pos, "command-as-test", "'" + t.spelling + "' is a command, not a test");
      } else {
        error(t.pos, "unknown-test",
              "unknown test '" + t.spelling + "'" +
                  did_you_mean(suggest(t.name, registry_.command_names(true))));
      }
      return;
    }
    check_extension(*spec, t.pos, "test");
    Resolved resolved;
    bool arguments_ok = check_arguments(*spec, t.name, t.pos, t.arguments, resolved);
    bool tests_ok = check_sub_tests(*spec, t.pos, t.tests, t.test_list, t.test_list_pos);
    if (arguments_ok && tests_ok) {
      NodeContext context(*this, *spec, t.pos, t.tests, resolved);
      for (const CheckFn& fn : spec->checks) fn(context);
    }
    if (spec->sub_tests != SubTests::kNone) {
      for (Test& sub : t.tests) check_test(sub, depth + 1);
    }
  }

  void check_extension(const CommandSpec& spec, SourcePos pos, const char* kind) {
    if (spec.extension.empty() || has(spec.extension)) return;
    error(pos, "extension-not-required",
          std::string(kind) + " '" + spec.name + "' requires the " + quote(spec.extension) +
              " extension (add it to 'require')");
  }

  // ---------------------------------------------------------------- arguments

  bool check_arguments(const CommandSpec& spec, const std::string& name, SourcePos pos,
                       std::vector<Argument>& args, Resolved& resolved) {
    bool ok = true;
    std::vector<Argument*> positionals;
    std::map<TagGroup, const Argument*> groups;
    for (std::size_t i = 0; i < args.size(); ++i) {
      Argument& arg = args[i];
      if (arg.kind != Argument::Kind::kTag) {
        positionals.push_back(&arg);
        continue;
      }
      if (!positionals.empty()) {
        error(arg.pos, "tag-after-positional",
              "tag ':" + arg.tag + "' must come before the positional arguments of '" +
                  name + "'");
        return false;  // what follows cannot be told apart reliably: no follow-on errors
      }
      const TagSpec* tag = spec.find_tag(arg.tag);
      if (tag == nullptr) {
        std::vector<std::string> names;
        for (const TagSpec& t : spec.tags) names.push_back(t.name);
        std::string hint = suggest(arg.tag, names);
        error(arg.pos, "unknown-tag",
              "unknown tag ':" + arg.tag + "' for '" + name + "'" +
                  (hint.empty() ? "" : " (did you mean ':" + hint + "'?)"));
        ok = false;
        continue;
      }
      if (!tag->extension.empty() && !has(tag->extension)) {
        error(arg.pos, "extension-not-required",
              "tag ':" + arg.tag + "' requires the " + quote(tag->extension) +
                  " extension (add it to 'require')");
        ok = false;
      }
      if (resolved.tags.count(arg.tag) > 0 && !tag->repeatable) {
        error(arg.pos, "duplicate-tag", "tag ':" + arg.tag + "' is given more than once");
        ok = false;
      } else if (tag->group != TagGroup::kNone && groups.count(tag->group) > 0) {
        error(arg.pos, "conflicting-tags",
              "tag ':" + arg.tag + "' conflicts with ':" + groups[tag->group]->tag + "'" +
                  group_explanation(tag->group));
        ok = false;
      }
      const Argument* parameter = nullptr;
      if (tag->parameter) {
        if (i + 1 < args.size() && args[i + 1].kind != Argument::Kind::kTag) {
          parameter = &args[++i];
          check_type(*parameter, *tag->parameter, ":" + arg.tag + " <" + tag->parameter_name + ">");
          if (!type_matches(*parameter, *tag->parameter)) ok = false;
        } else {
          error(arg.pos, "missing-tag-argument",
                "tag ':" + arg.tag + "' needs " + arg_type_name(*tag->parameter) + " (" +
                    tag->parameter_name + ")");
          ok = false;
        }
      }
      if (resolved.tags.count(arg.tag) == 0) resolved.tags[arg.tag] = {&arg, parameter};
      if (tag->group != TagGroup::kNone && groups.count(tag->group) == 0) {
        groups[tag->group] = &arg;
      }
    }
    // Tags that only make sense together with another (e.g. :last needs :index).
    for (const auto& [tag_name, args_pair] : resolved.tags) {
      const TagSpec* tag = spec.find_tag(tag_name);
      for (const std::string& needed : tag->requires_tags) {
        if (resolved.tags.count(needed) == 0) {
          error(args_pair.first->pos, "missing-tag",
                "tag ':" + tag_name + "' requires ':" + needed + "'");
          ok = false;
        }
      }
    }
    for (TagGroup group : spec.required_groups) {
      if (ok && groups.count(group) == 0) {  // not after a tag error: likely a typo of it
        error(pos, "missing-tag",
              "'" + name + "' needs one of " + group_tags(spec, group));
        ok = false;
      }
    }

    std::size_t required = spec.required_positionals();
    std::size_t given = positionals.size();
    if (given < required) {
      std::string missing;
      std::size_t seen = 0;
      for (const PositionalSpec& p : spec.positional) {
        if (p.optional) continue;
        if (seen++ >= given) {
          missing = p.name + ": " + std::string(arg_type_name(p.type)).substr(2);
          break;
        }
      }
      error(pos, "missing-argument",
            "'" + name + "' needs " + std::to_string(required) + " positional argument" +
                (required == 1 ? "" : "s") + ", " + std::to_string(given) + " given (missing <" +
                missing + ">)");
      return false;
    }
    if (given > spec.positional.size()) {
      error(positionals[spec.positional.size()]->pos, "too-many-arguments",
            "too many arguments for '" + name + "': it takes " +
                (spec.positional.size() == required
                     ? std::to_string(required)
                     : "at most " + std::to_string(spec.positional.size())) +
                " positional argument" + (spec.positional.size() == 1 ? "" : "s"));
      return false;
    }
    std::vector<int> fill = spec.assign_positionals(given);
    for (std::size_t k = 0; k < spec.positional.size(); ++k) {
      if (fill[k] < 0) continue;
      const PositionalSpec& p = spec.positional[k];
      Argument* arg = positionals[static_cast<std::size_t>(fill[k])];
      resolved.positional[p.name] = arg;
      check_type(*arg, p.type, "<" + p.name + ">");
      if (!type_matches(*arg, p.type)) ok = false;
    }
    for (Argument& arg : args) {
      if (arg.kind == Argument::Kind::kStringList) check_strings(arg);
    }
    return ok;
  }

  static bool type_matches(const Argument& arg, ArgType type) {
    switch (type) {
      case ArgType::kNumber: return arg.kind == Argument::Kind::kNumber;
      case ArgType::kStringList: return arg.kind == Argument::Kind::kStringList;
      case ArgType::kString: return arg.kind == Argument::Kind::kStringList && !arg.bracketed;
    }
    return false;
  }

  void check_type(const Argument& arg, ArgType type, const std::string& what) {
    if (type_matches(arg, type)) return;
    const char* found = arg.kind == Argument::Kind::kNumber ? "a number"
                        : arg.kind == Argument::Kind::kTag ? "a tag"
                        : arg.bracketed                    ? "a string list"
                                                           : "a string";
    error(arg.pos, "argument-type",
          "argument " + what + " must be " + arg_type_name(type) + ", not " + found);
  }

  static std::string group_tags(const CommandSpec& spec, TagGroup group) {
    std::string out;
    for (const TagSpec& t : spec.tags) {
      if (t.group != group) continue;
      if (!out.empty()) out += " or ";
      out += ":" + t.name;
    }
    return out;
  }

  static std::string group_explanation(TagGroup group) {
    switch (group) {
      case TagGroup::kComparator: return " (only one comparator is allowed)";
      case TagGroup::kMatchType: return " (only one match type is allowed)";
      case TagGroup::kAddressPart: return " (only one address part is allowed)";
      case TagGroup::kBodyTransform: return " (only one body transform is allowed)";
      case TagGroup::kModCase:
      case TagGroup::kModFirst:
      case TagGroup::kModQuote:
      case TagGroup::kModEncodeUrl:
      case TagGroup::kModLength:
        return " (modifiers of the same precedence cannot be combined)";
      case TagGroup::kMimeOption:
        return " (:type, :subtype, :contenttype and :param exclude each other)";
      default: return " (they cannot be used together)";
    }
  }

  bool check_sub_tests(const CommandSpec& spec, SourcePos pos, const std::vector<Test>& tests,
                       bool test_list, SourcePos test_list_pos) {
    const std::string& name = spec.name;
    switch (spec.sub_tests) {
      case SubTests::kNone:
        if (!tests.empty()) {
          const Test& t = tests.front();
          std::string message = "'" + name + "' takes no test, found '" + t.spelling + "'";
          if (!test_list && t.pos.line > pos.line) {
            message += " (missing ';' at the end of line " + std::to_string(t.pos.line - 1) +
                       "?)";
          }
          error(t.pos, "unexpected-test", std::move(message));
          return false;
        }
        return true;
      case SubTests::kOne:
        if (tests.empty()) {
          error(pos, "missing-test", "'" + name + "' needs a test");
          return false;
        }
        if (test_list) {
          error(test_list_pos, "test-list-not-allowed",
                "'" + name + "' takes one test, not a test list in parentheses");
          return false;
        }
        return true;
      case SubTests::kList:
        if (!test_list) {
          error(tests.empty() ? pos : tests.front().pos, "missing-test-list",
                "'" + name + "' needs a test list in parentheses, e.g. " + name +
                    " (true, false)");
          return false;
        }
        return true;
    }
    return true;
  }

  void check_block(const CommandSpec& spec, const Command& cmd) {
    if (spec.block && !cmd.has_block) {
      error(cmd.end_pos.line ? cmd.end_pos : cmd.pos, "missing-block",
            "'" + cmd.name + "' needs a block { ... }");
    } else if (!spec.block && cmd.has_block) {
      error(cmd.pos, "unexpected-block", "'" + cmd.name + "' takes no block (use ';')");
    }
  }

  // ---------------------------------------------------------------- strings

  void check_strings(Argument& arg) {
    for (StringLiteral& s : arg.strings) {
      if (has("encoded-character")) decode_encoded_characters(s);
      if (has("variables")) check_variable_references(s);
    }
  }

  // RFC 5228 2.4.2.4: "${hex: 41 42}" and "${unicode: 263A}"; malformed sequences stay
  // literal, but a unicode value outside 0-D7FF / E000-10FFFF is an error.
  void decode_encoded_characters(StringLiteral& s) {
    const std::string& in = s.value;
    if (in.find("${") == std::string::npos) return;
    std::string out;
    std::size_t i = 0;
    while (i < in.size()) {
      std::size_t start = in.find("${", i);
      if (start == std::string::npos) break;
      out.append(in, i, start - i);
      std::size_t consumed = 0;
      std::string decoded;
      if (decode_one(in, start, consumed, decoded, s.pos)) {
        out += decoded;
        i = start + consumed;
      } else {
        out += "${";
        i = start + 2;
      }
    }
    out.append(in, std::min(i, in.size()), std::string::npos);
    s.value = std::move(out);
  }

  static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  bool decode_one(const std::string& in, std::size_t start, std::size_t& consumed,
                  std::string& decoded, SourcePos pos) {
    auto prefix = [&](const char* word) {
      std::size_t n = std::char_traits<char>::length(word);
      if (in.size() < start + 2 + n) return false;
      for (std::size_t k = 0; k < n; ++k) {
        if (std::tolower(static_cast<unsigned char>(in[start + 2 + k])) != word[k]) return false;
      }
      return true;
    };
    bool hex = prefix("hex:");
    bool unicode = !hex && prefix("unicode:");
    if (!hex && !unicode) return false;
    std::size_t i = start + 2 + (hex ? 4 : 8);
    std::vector<std::string> items;
    while (i < in.size()) {
      while (i < in.size() && is_blank(in[i])) ++i;
      if (i < in.size() && in[i] == '}') break;
      std::size_t j = i;
      while (j < in.size() && std::isxdigit(static_cast<unsigned char>(in[j]))) ++j;
      if (j == i) return false;  // not a hex digit: not an encoded sequence
      if (j < in.size() && !is_blank(in[j]) && in[j] != '}') return false;
      items.emplace_back(in.substr(i, j - i));
      i = j;
    }
    if (i >= in.size() || items.empty()) return false;
    consumed = i + 1 - start;
    for (const std::string& item : items) {
      if (hex) {
        if (item.size() > 2) return false;
        decoded += static_cast<char>(std::stoul(item, nullptr, 16));
        continue;
      }
      std::string digits = item.substr(std::min(item.find_first_not_of('0'), item.size()));
      unsigned long cp = digits.size() > 6 ? 0x110000 : (digits.empty() ? 0 : std::stoul(digits, nullptr, 16));
      if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        error(pos, "invalid-encoded-character",
              "invalid Unicode code point " + item +
                  " in encoded-character string (allowed: 0-D7FF and E000-10FFFF)");
        decoded += "\xEF\xBF\xBD";
        continue;
      }
      base::append_utf8(static_cast<char32_t>(cp), decoded);
    }
    return true;
  }

  // RFC 5229 3: a reference with a namespace needs that namespace to be known.
  void check_variable_references(const StringLiteral& s) {
    for (const variables::Reference& ref : variables::references(s.value)) {
      if (ref.namespace_name.empty()) {
        std::string digits = ref.name.substr(std::min(ref.name.find_first_not_of('0'), ref.name.size()));
        if (ref.is_number && (digits.size() > 2 || (!digits.empty() && std::stoi(digits) > limits::kMaxMatchVariable))) {
          error(s.pos, "match-variable-out-of-range",
                "match variable '${" + ref.text + "}' is out of range (0 to " +
                    std::to_string(limits::kMaxMatchVariable) + ")");
        }
        if (!ref.is_number && ref.name.size() > limits::kMaxVariableNameLength) {
          error(s.pos, "variable-name-too-long",
                "variable name '" + ref.name + "' is longer than " +
                    std::to_string(limits::kMaxVariableNameLength) + " characters");
        }
        continue;
      }
      const NamespaceSpec* ns = registry_.variable_namespace(ref.namespace_name);
      if (ns == nullptr) {
        error(s.pos, "unknown-namespace",
              "unknown variable namespace '" + ref.namespace_name + "' in '${" + ref.text + "}'");
      } else if (!ns->extension.empty() && !has(ns->extension)) {
        error(s.pos, "extension-not-required",
              "variable namespace '" + ns->name + "' requires the " + quote(ns->extension) +
                  " extension (add it to 'require')");
      }
    }
  }

  const Registry& registry_;
  Diagnostics& out_;
  std::set<std::string> capabilities_;
  std::vector<const Command*> enclosing_;
  int skip_unknown_ = 0;
  int block_depth_ = 0;
  std::set<std::string> explicit_;   // capabilities named in require
 public:
  std::set<std::string> variables_;  // names declared by set and friends (lower-case)
};

bool NodeContext::has(std::string_view capability) const { return checker_.has(capability); }
const Registry& NodeContext::registry() const { return checker_.registry(); }
std::optional<std::string> NodeContext::constant(const StringLiteral& s) const {
  return checker_.constant(s);
}
const std::vector<const Command*>& NodeContext::enclosing() const {
  return checker_.enclosing();
}
bool NodeContext::declare_variable(const std::string& lower_name) {
  checker_.variables_.insert(lower_name);
  return checker_.variables_.size() <= limits::kMaxVariables;
}

void NodeContext::error(SourcePos pos, std::string code, std::string message) {
  checker_.report(Severity::kError, pos, std::move(code), std::move(message));
}
void NodeContext::warning(SourcePos pos, std::string code, std::string message) {
  checker_.report(Severity::kWarning, pos, std::move(code), std::move(message));
}

}  // namespace

CheckResult check(Ast ast, const Registry& registry) {
  CheckResult result;
  Checker checker(registry, result.diagnostics);
  result.script.capabilities = checker.run(ast);
  result.script.ast = std::move(ast);
  return result;
}

}  // namespace sievegate::policy

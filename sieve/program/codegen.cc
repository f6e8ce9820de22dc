// The generate stage: CheckedScript -> Program.
//
// Control flow becomes jumps over a single condition register: `allof` and `anyof`
// short-circuit with conditional jumps, `not` inverts, if/elsif/else chains jump to the
// next branch or to the end. Arguments are resolved once against the command's spec
// (the same rules the checker applied) into an Operand; strings are pre-parsed for
// `${...}` references and variable names become slots.
#include "sieve/program/codegen.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/ascii.h"
#include "sieve/front/variables_syntax.h"

namespace sievegate::policy {
namespace {

std::string lower(std::string_view s) { return ascii_lower(s); }

const std::map<std::string, Opcode, std::less<>>& opcodes() {
  static const std::map<std::string, Opcode, std::less<>> table = {
      {"stop", Opcode::kStop}, {"return", Opcode::kReturn}, {"keep", Opcode::kKeep},
      {"discard", Opcode::kDiscard}, {"redirect", Opcode::kRedirect},
      {"fileinto", Opcode::kFileinto}, {"reject", Opcode::kReject},
      {"ereject", Opcode::kEreject}, {"set", Opcode::kSet}, {"setflag", Opcode::kSetFlag},
      {"addflag", Opcode::kAddFlag}, {"removeflag", Opcode::kRemoveFlag},
      {"addheader", Opcode::kAddHeader}, {"deleteheader", Opcode::kDeleteHeader},
      {"vacation", Opcode::kVacation}, {"notify", Opcode::kNotify}, {"error", Opcode::kError},
      {"include", Opcode::kInclude}, {"global", Opcode::kGlobal}, {"break", Opcode::kBreak},
      {"extracttext", Opcode::kExtractText}, {"replace", Opcode::kReplace},
      {"enclose", Opcode::kEnclose}, {"mark", Opcode::kMark}, {"unmark", Opcode::kUnmark},
      {"true", Opcode::kTrue}, {"false", Opcode::kFalse}, {"header", Opcode::kHeader},
      {"address", Opcode::kAddress}, {"envelope", Opcode::kEnvelope},
      {"exists", Opcode::kExists}, {"size", Opcode::kSize}, {"string", Opcode::kString},
      {"body", Opcode::kBody}, {"date", Opcode::kDate}, {"currentdate", Opcode::kCurrentDate},
      {"environment", Opcode::kEnvironment}, {"hasflag", Opcode::kHasFlag},
      {"ihave", Opcode::kIhave}, {"valid_notify_method", Opcode::kValidNotifyMethod},
      {"notify_method_capability", Opcode::kNotifyMethodCapability},
      {"spamtest", Opcode::kSpamtest}, {"virustest", Opcode::kVirustest},
      {"duplicate", Opcode::kDuplicate}, {"mailboxexists", Opcode::kMailboxExists},
      {"metadata", Opcode::kMetadata}, {"metadataexists", Opcode::kMetadataExists},
      {"servermetadata", Opcode::kServerMetadata},
      {"servermetadataexists", Opcode::kServerMetadataExists},
      {"valid_ext_list", Opcode::kValidExtList},
      {"specialuse_exists", Opcode::kSpecialUseExists},
      {"mailboxidexists", Opcode::kMailboxIdExists},
  };
  return table;
}

// Commands whose first positional argument names a variable to assign.
bool assigns_variable(std::string_view name) {
  return name == "set" || name == "extracttext";
}

class Generator {
 public:
  Generator(const CheckedScript& script, const Registry& registry, Diagnostics& out)
      : script_(script), registry_(registry), out_(out) {
    variables_on_ = script.capabilities.count("variables") > 0;
    program_.capabilities = script.capabilities;
  }

  Program run() {
    collect_globals(script_.ast.commands);
    block(script_.ast.commands);
    emit(Opcode::kEnd, {}, {});
    return std::move(program_);
  }

 private:
  std::uint32_t here() const { return static_cast<std::uint32_t>(program_.code.size()); }

  std::uint32_t emit(Opcode op, SourcePos pos, std::uint32_t operand, std::uint32_t target = 0) {
    program_.code.push_back(Instruction{op, false, operand, target, pos});
    return here() - 1;
  }
  std::uint32_t emit(Opcode op, SourcePos pos, std::initializer_list<int>) {
    return emit(op, pos, 0u);
  }

  void block(const std::vector<Command>& commands) {
    for (std::size_t i = 0; i < commands.size(); ++i) {
      const Command& cmd = commands[i];
      if (cmd.name == "require") continue;
      if (cmd.name == "if") {
        // Collect the chain if / elsif* / else?, then lay it out.
        std::vector<const Command*> chain{&cmd};
        while (i + 1 < commands.size() &&
               (commands[i + 1].name == "elsif" || commands[i + 1].name == "else")) {
          chain.push_back(&commands[++i]);
          if (chain.back()->name == "else") break;
        }
        if_chain(chain);
      } else if (cmd.name == "foreverypart") {
        std::uint32_t start = emit(Opcode::kForEveryPart, cmd.pos, operand(cmd, nullptr));
        loops_.push_back({start, {}});
        block(cmd.block);
        emit(Opcode::kLoopNext, cmd.pos, 0u, start);
        std::uint32_t after = here();
        program_.code[start].target = after;
        for (std::uint32_t b : loops_.back().breaks) program_.code[b].target = after;
        loops_.pop_back();
      } else if (cmd.name == "break") {
        // Target patched when the named (or innermost) loop ends.
        std::uint32_t at = emit(Opcode::kBreak, cmd.pos, operand(cmd, nullptr));
        if (!loops_.empty()) loop_for_break(cmd).breaks.push_back(at);
      } else {
        auto it = opcodes().find(cmd.name);
        if (it == opcodes().end()) continue;  // unknown: only inside a skipped ihave block
        std::uint32_t at = emit(it->second, cmd.pos, operand(cmd, nullptr));
        attach_execute(at, cmd.name);
      }
    }
  }

  struct Loop {
    std::uint32_t start;
    std::vector<std::uint32_t> breaks;
  };

  Loop& loop_for_break(const Command& cmd) {
    const Operand& op = program_.operands[program_.code.back().operand];
    auto name = op.string_tags.find("name");
    if (name != op.string_tags.end() && !name->second.empty()) {
      for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
        const Operand& loop_op = program_.operands[program_.code[it->start].operand];
        auto loop_name = loop_op.string_tags.find("name");
        if (loop_name != loop_op.string_tags.end() && !loop_name->second.empty() &&
            loop_name->second[0].constant == name->second[0].constant) {
          return *it;
        }
      }
    }
    (void)cmd;
    return loops_.back();
  }

  void if_chain(const std::vector<const Command*>& chain) {
    std::vector<std::uint32_t> to_end;
    for (const Command* branch : chain) {
      std::uint32_t skip = 0;
      bool conditional = branch->name != "else";
      if (conditional) {
        test(branch->tests.front());
        skip = emit(Opcode::kBranch, branch->pos, 0u);
      }
      block(branch->block);
      if (branch != chain.back()) to_end.push_back(emit(Opcode::kJump, branch->pos, 0u));
      if (conditional) program_.code[skip].target = here();
    }
    for (std::uint32_t j : to_end) program_.code[j].target = here();
  }

  void test(const Test& t) {
    if (t.name == "allof" || t.name == "anyof") {
      // A literal false in allof (true in anyof) decides the test: the others are not
      // evaluated at all, as in Pigeonhole, so they set no match variables either.
      const char* decisive = t.name == "allof" ? "false" : "true";
      for (const Test& sub : t.tests) {
        if (sub.name == decisive) {
          emit(t.name == "allof" ? Opcode::kFalse : Opcode::kTrue, t.pos, 0u);
          return;
        }
      }
      Opcode jump = t.name == "allof" ? Opcode::kJumpIfFalse : Opcode::kJumpIfTrue;
      std::vector<std::uint32_t> exits;
      for (std::size_t i = 0; i < t.tests.size(); ++i) {
        test(t.tests[i]);
        if (i + 1 < t.tests.size()) exits.push_back(emit(jump, t.pos, 0u));
      }
      for (std::uint32_t e : exits) program_.code[e].target = here();
      return;
    }
    if (t.name == "not") {
      test(t.tests.front());
      emit(Opcode::kNot, t.pos, 0u);
      return;
    }
    auto it = opcodes().find(t.name);
    if (it == opcodes().end()) {
      emit(Opcode::kFalse, t.pos, 0u);
      return;
    }
    std::uint32_t at = emit(it->second, t.pos, operand_for(t.name, t.arguments, t.pos));
    attach_execute(at, t.name);
  }

  // An extension that executes its own command or test gets the instruction.
  void attach_execute(std::uint32_t at, std::string_view name) {
    const CommandSpec* spec = registry_.command(name);
    if (spec == nullptr || spec->execute == nullptr) return;
    program_.code[at].execute = spec->execute;
    program_.code[at].is_test = spec->is_test;
  }

  std::uint32_t operand(const Command& cmd, const Test*) {
    return operand_for(cmd.name, cmd.arguments, cmd.pos);
  }

  // Resolves tags and positionals exactly as the checker did (optional positionals
  // are filled left to right by count).
  std::uint32_t operand_for(const std::string& name, const std::vector<Argument>& args,
                            SourcePos pos) {
    (void)pos;
    Operand op;
    // Pigeonhole, the reference implementation, compares `string` with i;octet unless a
    // comparator is given; we agree so that policies behave the same on both.
    if (name == "string") op.match.comparator = match::Comparator::kOctet;
    const CommandSpec* spec = registry_.command(name);
    std::vector<const Argument*> positionals;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const Argument& arg = args[i];
      if (arg.kind != Argument::Kind::kTag) {
        positionals.push_back(&arg);
        continue;
      }
      const TagSpec* tag = spec != nullptr ? spec->find_tag(arg.tag) : nullptr;
      const Argument* param = nullptr;
      if (tag != nullptr && tag->parameter && i + 1 < args.size()) param = &args[++i];
      apply_tag(op, arg.tag, tag, param);
    }
    if (spec != nullptr) {
      std::vector<int> fill = spec->assign_positionals(positionals.size());
      for (std::size_t k = 0; k < spec->positional.size(); ++k) {
        const PositionalSpec& p = spec->positional[k];
        if (fill[k] < 0) {  // an omitted optional argument keeps its place, empty
          if (p.type == ArgType::kNumber) op.numbers.push_back(0);
          else op.lists.emplace_back();
          continue;
        }
        const Argument* arg = positionals[static_cast<std::size_t>(fill[k])];
        bool is_variable_name =
            (assigns_variable(name) && p.name == "name") || p.name == "varname" ||
            p.name == "variablename" || p.name == "variable-list";
        if (p.type == ArgType::kNumber) {
          op.numbers.push_back(arg->number);
        } else if (is_variable_name) {
          StringList names;
          for (const StringLiteral& s : arg->strings) {
            StringTemplate t;
            t.constant = s.value;
            names.push_back(std::move(t));
          }
          if (!arg->strings.empty()) {
            op.slot = slot_for(arg->strings[0].value);
            op.has_slot = true;
          }
          op.lists.push_back(std::move(names));
        } else {
          op.lists.push_back(strings(*arg));
        }
      }
    }
    if (op.match.type == MatchType::kRegex) compile_regexes(op);
    if (spec != nullptr && spec->generate != nullptr) spec->generate(op);
    program_.operands.push_back(std::move(op));
    return static_cast<std::uint32_t>(program_.operands.size() - 1);
  }

  void apply_tag(Operand& op, const std::string& tag, const TagSpec* spec,
                 const Argument* param) {
    TagGroup group = spec != nullptr ? spec->group : TagGroup::kNone;
    if (group == TagGroup::kMatchType) {
      static const std::map<std::string, MatchType, std::less<>> kTypes = {
          {"is", MatchType::kIs},       {"contains", MatchType::kContains},
          {"matches", MatchType::kMatches}, {"regex", MatchType::kRegex},
          {"count", MatchType::kCount}, {"value", MatchType::kValue},
          {"list", MatchType::kList}};
      op.match.type = kTypes.at(tag);
      if (param != nullptr && !param->strings.empty()) {
        op.match.relation =
            match::relation_from_name(param->strings[0].value).value_or(match::Relation::kEq);
      }
      return;
    }
    if (group == TagGroup::kComparator && param != nullptr && !param->strings.empty()) {
      op.match.comparator = match::comparator_from_name(param->strings[0].value)
                                .value_or(match::Comparator::kAsciiCasemap);
      return;
    }
    if (group == TagGroup::kAddressPart) {
      static const std::map<std::string, AddressPart, std::less<>> kParts = {
          {"all", AddressPart::kAll}, {"localpart", AddressPart::kLocalPart},
          {"domain", AddressPart::kDomain}, {"user", AddressPart::kUser},
          {"detail", AddressPart::kDetail}};
      op.address_part = kParts.at(tag);
      return;
    }
    if (group == TagGroup::kBodyTransform) {
      op.body_transform = tag == "raw"       ? BodyTransform::kRaw
                          : tag == "content" ? BodyTransform::kContent
                                             : BodyTransform::kText;
    }
    if (param == nullptr) {
      op.flags.insert(tag);
    } else if (param->kind == Argument::Kind::kNumber) {
      op.number_tags[tag] = param->number;
    } else {
      op.string_tags[tag] = strings(*param);
    }
  }

  void compile_regexes(Operand& op) {
    if (op.lists.empty()) return;
    // The key list is the last positional string list (header/address/... "key-list").
    const StringList& keys = op.lists.back();
    for (const StringTemplate& key : keys) {
      if (!key.is_constant()) {
        op.match.regexes.push_back(nullptr);
        continue;
      }
      std::string error;
      auto re = match::Regex::compile(key.constant, op.match.comparator, &error);
      op.match.regexes.push_back(re ? std::make_shared<const match::Regex>(std::move(*re))
                                    : nullptr);
    }
  }

  StringList strings(const Argument& arg) {
    StringList out;
    for (const StringLiteral& s : arg.strings) out.push_back(parse_template(s.value));
    return out;
  }

  StringTemplate parse_template(const std::string& value) {
    StringTemplate t;
    if (!variables_on_ || value.find("${") == std::string::npos) {
      t.constant = value;
      return t;
    }
    auto refs = variables::references(value);
    if (refs.empty()) {
      t.constant = value;
      return t;
    }
    std::size_t at = 0;
    for (const variables::Reference& ref : refs) {
      if (ref.offset > at) {
        t.pieces.push_back({StringTemplate::Piece::Kind::kText, value.substr(at, ref.offset - at), 0});
      }
      StringTemplate::Piece piece;
      if (ref.is_number) {
        piece.kind = StringTemplate::Piece::Kind::kMatch;
        piece.index = static_cast<std::uint32_t>(std::stoul(ref.name));
      } else if (ref.namespace_name == "env") {
        piece.kind = StringTemplate::Piece::Kind::kEnv;
        piece.text = lower(ref.text.substr(4));
      } else if (ref.namespace_name == "envelope") {
        piece.kind = StringTemplate::Piece::Kind::kEnvelope;
        piece.text = lower(ref.text.substr(9));
      } else if (ref.namespace_name == "global") {
        piece.kind = StringTemplate::Piece::Kind::kGlobal;
        piece.index = global_slot_for(ref.name);
      } else if (ref.namespace_name.empty()) {
        piece.kind = StringTemplate::Piece::Kind::kVariable;
        piece.index = slot_for(ref.name);
        if (piece.index & kGlobalBit) {
          piece.kind = StringTemplate::Piece::Kind::kGlobal;
          piece.index &= ~kGlobalBit;
        }
      } else {
        // Unknown namespaces were rejected by the checker; keep the text literally.
        piece.text = value.substr(ref.offset, ref.length);
      }
      t.pieces.push_back(std::move(piece));
      at = ref.offset + ref.length;
    }
    if (at < value.size()) {
      t.pieces.push_back({StringTemplate::Piece::Kind::kText, value.substr(at), 0});
    }
    return t;
  }

  // RFC 6609 3.3: a name declared with `global` refers to the shared variable in this
  // whole script (the checker keeps declarations meaningful; we resolve them up front).
  void collect_globals(const std::vector<Command>& commands) {
    for (const Command& cmd : commands) {
      if (cmd.name == "global" && !cmd.arguments.empty()) {
        for (const StringLiteral& s : cmd.arguments.back().strings) {
          declared_globals_.insert(lower(s.value));
        }
      }
      collect_globals(cmd.block);
    }
  }

  // Variable names are case-insensitive (RFC 5229 3); "global.x" and a global declared
  // with `global "x"` share one slot.
  std::uint32_t slot_for(const std::string& raw_name) {
    std::string name = lower(raw_name);
    if (name.rfind("global.", 0) == 0) return global_slot_for(name.substr(7)) | kGlobalBit;
    if (declared_globals_.count(name) > 0) return global_slot_for(name) | kGlobalBit;
    auto& vars = program_.variables;
    auto it = std::find(vars.begin(), vars.end(), name);
    if (it != vars.end()) return static_cast<std::uint32_t>(it - vars.begin());
    vars.push_back(name);
    return static_cast<std::uint32_t>(vars.size() - 1);
  }

  std::uint32_t global_slot_for(const std::string& raw_name) {
    std::string name = lower(raw_name);
    auto& globals = program_.globals;
    auto it = std::find(globals.begin(), globals.end(), name);
    if (it != globals.end()) return static_cast<std::uint32_t>(it - globals.begin());
    globals.push_back(name);
    return static_cast<std::uint32_t>(globals.size() - 1);
  }

  const CheckedScript& script_;
  const Registry& registry_;
  [[maybe_unused]] Diagnostics& out_;
  Program program_;
  bool variables_on_ = false;
  std::vector<Loop> loops_;
  std::set<std::string> declared_globals_;
};

}  // namespace

Program generate(const CheckedScript& script, const Registry& registry, Diagnostics& out) {
  return Generator(script, registry, out).run();
}

}  // namespace sievegate::policy

// The compiled form of a Sieve script: the product of the generate stage.
//
// Pipeline: CheckedScript -> codegen -> Program -> interpreter -> ActionSet.
// A Program is a flat array of instructions with jump targets, plus operand records
// holding everything resolved at compile time: comparators and match types, string
// lists with their `${...}` references pre-parsed, constant regexes compiled, variable
// names mapped to slots. A Program is immutable after compile() and shared by every
// session and thread; run-time state lives in the interpreter.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sieve/front/diagnostic.h"
#include "sieve/match/match.h"

namespace sievegate::policy {

// A string argument with its RFC 5229 variable references resolved to slots.
struct StringTemplate {
  struct Piece {
    enum class Kind : std::uint8_t {
      kText,      // literal text
      kVariable,  // a script variable, by slot
      kMatch,     // match variable ${N}
      kEnv,       // ${env.name}: a session fact from the host (Stalwart namespace)
      kEnvelope,  // ${envelope.name}: the envelope (Stalwart namespace)
      kGlobal,    // ${global.name}: an RFC 6609 global variable, by slot
    };
    Kind kind = Kind::kText;
    std::string text;         // kText: the text; kEnv/kEnvelope: the name
    std::uint32_t index = 0;  // kVariable/kGlobal: slot; kMatch: N
  };
  std::string constant;       // the value when `pieces` is empty
  std::vector<Piece> pieces;  // non-empty when the string has references
  bool is_constant() const { return pieces.empty(); }
};
using StringList = std::vector<StringTemplate>;

enum class MatchType : std::uint8_t { kIs, kContains, kMatches, kRegex, kCount, kValue, kList };
enum class AddressPart : std::uint8_t { kAll, kLocalPart, kDomain, kUser, kDetail };
enum class BodyTransform : std::uint8_t { kText, kRaw, kContent };

struct MatchSpec {
  match::Comparator comparator = match::Comparator::kAsciiCasemap;  // RFC 5228 2.7.3 default
  MatchType type = MatchType::kIs;                                   // RFC 5228 2.7.1 default
  match::Relation relation = match::Relation::kEq;                   // :count / :value
  // One compiled regex per constant key of a :regex test (nullptr for variable keys,
  // compiled at run time).
  std::vector<std::shared_ptr<const match::Regex>> regexes;
};

// One enumerator per instruction; the mnemonic is the disassembler's name for it.
enum class Opcode : std::uint8_t {
  // control
  kJump,         // go to target
  kJumpIfFalse,  // go to target when the condition register is false
  kJumpIfTrue,   // go to target when it is true
  kNot,          // invert the condition register
  kBranch,       // end of an if/elsif condition: go to target when it is false
  kStop,         // end the script (RFC 5228 3.3)
  kReturn,       // end the current (included) script (RFC 6609)
  kEnd,          // end of the program
  // actions and other commands
  kKeep, kDiscard, kRedirect, kFileinto, kReject, kEreject, kSet, kSetFlag, kAddFlag,
  kRemoveFlag, kAddHeader, kDeleteHeader, kVacation, kNotify, kError, kInclude, kGlobal,
  kForEveryPart,  // start of a loop over MIME parts; target = end of the loop
  kLoopNext,      // end of a loop body: next part or leave; target = loop start
  kBreak,         // leave a loop; target = after the loop
  kExtractText, kReplace, kEnclose, kMark, kUnmark,
  // tests: each sets the condition register
  kTrue, kFalse, kHeader, kAddress, kEnvelope, kExists, kSize, kString, kBody, kDate,
  kCurrentDate, kEnvironment, kHasFlag, kIhave, kValidNotifyMethod,
  kNotifyMethodCapability, kSpamtest, kVirustest, kDuplicate, kMailboxExists, kMetadata,
  kMetadataExists, kServerMetadata, kServerMetadataExists, kValidExtList,
  kSpecialUseExists, kMailboxIdExists,
};

const char* mnemonic(Opcode op);

class ExecContext;  // sieve/runtime/exec_context.h
struct Operand;

// The execution of an extension's command or test, from its registry entry (see
// sieve/extensions/registry.h). For a test the result is the condition; for a command,
// false means a run-time error ended the run. A plain function pointer: one indirect
// call per instruction, no lookup.
using ExecuteFn = bool (*)(ExecContext& ctx, const Operand& op);

struct Instruction {
  Opcode op = Opcode::kEnd;
  bool is_test = false;         // `execute` gives the condition register
  std::uint32_t operand = 0;  // index into Program::operands
  std::uint32_t target = 0;   // jump target (control and loop instructions)
  SourcePos pos;              // of the command or test, for run-time errors
  ExecuteFn execute = nullptr;  // set for commands and tests executed by their extension
};

// The typed arguments an extension's code generation hook derives from the generic
// Operand (its tags resolved to fields), so that execution reads no tag by name.
struct OperandData {
  virtual ~OperandData() = default;
};

// The resolved arguments of one command or test.
struct Operand {
  MatchSpec match;
  AddressPart address_part = AddressPart::kAll;
  BodyTransform body_transform = BodyTransform::kText;
  std::vector<StringList> lists;        // positional string arguments, in spec order
  std::vector<std::uint64_t> numbers;   // positional numbers, in spec order
  std::map<std::string, StringList, std::less<>> string_tags;  // tag -> its string(s)
  std::map<std::string, std::uint64_t, std::less<>> number_tags;
  std::set<std::string, std::less<>> flags;  // tags without a parameter
  std::uint32_t slot = 0;  // variable slot for set / extracttext / flag variables
  bool has_slot = false;
  std::shared_ptr<const OperandData> data;  // the extension's typed arguments, if any
  bool has(std::string_view flag) const { return flags.count(flag) > 0; }
  // The typed arguments of extension `T` (set by its code generation hook).
  template <typename T>
  const T& typed() const {
    return static_cast<const T&>(*data);
  }
};

struct Program {
  std::vector<Instruction> code;
  // Scripts named by `include` (RFC 6609), compiled with this one; an include
  // instruction's operand slot indexes this list (a missing :optional script is null).
  std::vector<std::shared_ptr<const Program>> includes;
  std::vector<std::string> include_names;
  std::vector<Operand> operands;
  std::vector<std::string> variables;  // slot -> variable name (lower-case)
  std::vector<std::string> globals;    // global slot -> name
  std::set<std::string> capabilities;  // required (and implied) extensions
};

// A readable listing: one instruction per line with its operand, for `sievegate dump`
// and golden tests.
std::string disassemble(const Program& program);

}  // namespace sievegate::policy

// Opcode mnemonics and the disassembler (used by golden tests and debugging).
#include "sieve/program/program.h"

#include <string>

namespace sievegate::policy {

const char* mnemonic(Opcode op) {
  switch (op) {
    case Opcode::kJump: return "jump";
    case Opcode::kJumpIfFalse: return "jump.false";
    case Opcode::kJumpIfTrue: return "jump.true";
    case Opcode::kNot: return "not";
    case Opcode::kBranch: return "branch.false";
    case Opcode::kStop: return "stop";
    case Opcode::kReturn: return "return";
    case Opcode::kEnd: return "end";
    case Opcode::kKeep: return "keep";
    case Opcode::kDiscard: return "discard";
    case Opcode::kRedirect: return "redirect";
    case Opcode::kFileinto: return "fileinto";
    case Opcode::kReject: return "reject";
    case Opcode::kEreject: return "ereject";
    case Opcode::kSet: return "set";
    case Opcode::kSetFlag: return "setflag";
    case Opcode::kAddFlag: return "addflag";
    case Opcode::kRemoveFlag: return "removeflag";
    case Opcode::kAddHeader: return "addheader";
    case Opcode::kDeleteHeader: return "deleteheader";
    case Opcode::kVacation: return "vacation";
    case Opcode::kNotify: return "notify";
    case Opcode::kError: return "error";
    case Opcode::kInclude: return "include";
    case Opcode::kGlobal: return "global";
    case Opcode::kForEveryPart: return "foreverypart";
    case Opcode::kLoopNext: return "loop.next";
    case Opcode::kBreak: return "break";
    case Opcode::kExtractText: return "extracttext";
    case Opcode::kReplace: return "replace";
    case Opcode::kEnclose: return "enclose";
    case Opcode::kMark: return "mark";
    case Opcode::kUnmark: return "unmark";
    case Opcode::kTrue: return "test.true";
    case Opcode::kFalse: return "test.false";
    case Opcode::kHeader: return "test.header";
    case Opcode::kAddress: return "test.address";
    case Opcode::kEnvelope: return "test.envelope";
    case Opcode::kExists: return "test.exists";
    case Opcode::kSize: return "test.size";
    case Opcode::kString: return "test.string";
    case Opcode::kBody: return "test.body";
    case Opcode::kDate: return "test.date";
    case Opcode::kCurrentDate: return "test.currentdate";
    case Opcode::kEnvironment: return "test.environment";
    case Opcode::kHasFlag: return "test.hasflag";
    case Opcode::kIhave: return "test.ihave";
    case Opcode::kValidNotifyMethod: return "test.valid_notify_method";
    case Opcode::kNotifyMethodCapability: return "test.notify_method_capability";
    case Opcode::kSpamtest: return "test.spamtest";
    case Opcode::kVirustest: return "test.virustest";
    case Opcode::kDuplicate: return "test.duplicate";
    case Opcode::kMailboxExists: return "test.mailboxexists";
    case Opcode::kMetadata: return "test.metadata";
    case Opcode::kMetadataExists: return "test.metadataexists";
    case Opcode::kServerMetadata: return "test.servermetadata";
    case Opcode::kServerMetadataExists: return "test.servermetadataexists";
    case Opcode::kValidExtList: return "test.valid_ext_list";
    case Opcode::kSpecialUseExists: return "test.specialuse_exists";
    case Opcode::kMailboxIdExists: return "test.mailboxidexists";
  }
  return "?";
}

namespace {

std::string render(const StringTemplate& t) {
  std::string out = "\"";
  if (t.is_constant()) {
    out += t.constant;
  } else {
    for (const StringTemplate::Piece& p : t.pieces) {
      switch (p.kind) {
        case StringTemplate::Piece::Kind::kText: out += p.text; break;
        case StringTemplate::Piece::Kind::kVariable: out += "${$" + std::to_string(p.index) + "}"; break;
        case StringTemplate::Piece::Kind::kGlobal: out += "${global$" + std::to_string(p.index) + "}"; break;
        case StringTemplate::Piece::Kind::kMatch: out += "${" + std::to_string(p.index) + "}"; break;
        case StringTemplate::Piece::Kind::kEnv: out += "${env." + p.text + "}"; break;
        case StringTemplate::Piece::Kind::kEnvelope: out += "${envelope." + p.text + "}"; break;
      }
    }
  }
  return out + "\"";
}

std::string render(const StringList& list) {
  if (list.size() == 1) return render(list[0]);
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + render(list[i]);
  return out + "]";
}

const char* match_name(MatchType t) {
  switch (t) {
    case MatchType::kIs: return ":is";
    case MatchType::kContains: return ":contains";
    case MatchType::kMatches: return ":matches";
    case MatchType::kRegex: return ":regex";
    case MatchType::kCount: return ":count";
    case MatchType::kValue: return ":value";
    case MatchType::kList: return ":list";
  }
  return "?";
}

bool is_test(Opcode op) { return op >= Opcode::kTrue; }
bool is_jump(Opcode op) {
  return op == Opcode::kJump || op == Opcode::kJumpIfFalse || op == Opcode::kJumpIfTrue ||
         op == Opcode::kBranch ||
         op == Opcode::kForEveryPart || op == Opcode::kLoopNext || op == Opcode::kBreak;
}

}  // namespace

std::string disassemble(const Program& program) {
  std::string out;
  for (std::size_t pc = 0; pc < program.code.size(); ++pc) {
    const Instruction& in = program.code[pc];
    std::string line = std::to_string(pc);
    line.insert(0, 4 - std::min<std::size_t>(4, line.size()), ' ');
    line += "  ";
    line += mnemonic(in.op);
    if (is_jump(in.op)) line += " -> " + std::to_string(in.target);
    if (in.operand < program.operands.size() && in.op != Opcode::kJump &&
        in.op != Opcode::kJumpIfFalse && in.op != Opcode::kJumpIfTrue && in.op != Opcode::kNot &&
        in.op != Opcode::kBranch &&
        in.op != Opcode::kEnd && in.op != Opcode::kLoopNext) {
      const Operand& op = program.operands[in.operand];
      if (is_test(in.op) && (op.match.type != MatchType::kIs || op.lists.size() >= 2)) {
        line += std::string(" ") + match_name(op.match.type);
      }
      for (const std::string& flag : op.flags) line += " :" + flag;
      for (const auto& [tag, list] : op.string_tags) line += " :" + tag + " " + render(list);
      for (const auto& [tag, n] : op.number_tags) line += " :" + tag + " " + std::to_string(n);
      for (const StringList& list : op.lists) line += " " + render(list);
      for (std::uint64_t n : op.numbers) line += " " + std::to_string(n);
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace sievegate::policy

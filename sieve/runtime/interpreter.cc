// The execute stage: a loop over the Program's instructions with one condition register.
// Tests read the message through the message model (sieve/message) and compare with
// the comparators and match types of sieve/match; commands add to the ActionSet.
#include "sieve/runtime/interpreter.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <deque>
#include <set>
#include <unordered_map>

#include "base/ascii.h"
#include "sieve/program/codegen.h"
#include "sieve/extensions/common.h"
#include "sieve/message/address.h"
#include "sieve/message/datetime.h"
#include "sieve/message/header.h"
#include "sieve/message/message.h"
#include "sieve/message/mime.h"
#include "sieve/message/rfc2047.h"
#include "sieve/runtime/exec_context.h"

namespace sievegate::policy {
// ------------------------------------------------------------------ Host defaults

std::optional<std::string> Host::fact(std::string_view) const { return std::nullopt; }
std::optional<std::string> Host::environment_item(std::string_view) const { return std::nullopt; }
// The delivery mailbox always exists; a proxy knows no others.
bool Host::mailbox_exists(std::string_view mailbox) const {
  return ascii_iequals(mailbox, "INBOX");
}
bool Host::list_contains(std::string_view, std::string_view) const { return false; }
bool Host::list_exists(std::string_view) const { return false; }
bool Host::duplicate_seen(std::string_view, std::string_view, std::uint64_t, bool) {
  return false;
}
std::int64_t Host::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

std::string lower(std::string_view s) { return ascii_lower(s); }
std::string upper(std::string_view s) { return ascii_upper(s); }

// Splits a space-separated flag list into flags (RFC 5232 3: flags are separated by
// spaces; duplicates removed, case-insensitively).
void add_flags(std::vector<std::string>& set, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) {
      std::string flag(text.substr(i, j - i));
      bool present = std::any_of(set.begin(), set.end(),
                                 [&](const std::string& f) { return lower(f) == lower(flag); });
      if (!present) set.push_back(flag);
    }
    i = j;
  }
}

void remove_flags(std::vector<std::string>& set, std::string_view text) {
  std::vector<std::string> gone;
  add_flags(gone, text);
  set.erase(std::remove_if(set.begin(), set.end(),
                           [&](const std::string& f) {
                             return std::any_of(gone.begin(), gone.end(), [&](const std::string& g) {
                               return lower(f) == lower(g);
                             });
                           }),
            set.end());
}

std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) out += (out.empty() ? "" : " ") + f;
  return out;
}

struct LimitReached {
  std::string what;
};

class Interpreter final : public ExecContext {
 public:
  Interpreter(const Program& program, RunContext& context)
      : program_(&program), ctx_(context), host_(context.host != nullptr ? *context.host : default_host_) {
    variables_.resize(program.variables.size());
    started_ = std::chrono::steady_clock::now();
  }

  ActionSet run() {
    try {
      execute();
    } catch (const LimitReached& limit) {
      result_.fail(RunStatus::kLimit, RuntimeError{pos_, limit.what});
    }
    if (result_.status() == RunStatus::kOk) {
      result_.set_implicit_keep_flags(internal_flags_);
      if (replaced_ != nullptr) {
        result_.replaced_message = replaced_->serialize();
        result_.message_changed = true;
      } else if (ctx_.message != nullptr) {
        result_.message_changed = ctx_.message->changed();
      }
    }
    if (replaced_ != nullptr) ctx_.message = original_message_;  // the caller's again
    return std::move(result_);
  }

 private:
  // ---------------------------------------------------------------- main loop

  // How a (possibly included) script ended.
  enum class Ended { kEnd, kStop, kFailed };

  Ended execute() {
    const auto& code = program_->code;
    std::uint32_t pc = 0;
    while (pc < code.size()) {
      const Instruction& in = code[pc];
      pos_ = in.pos;
      if (++executed_ > ctx_.limits.max_instructions) {
        throw LimitReached{"the script executed more than " +
                           std::to_string(ctx_.limits.max_instructions) + " instructions"};
      }
      if ((executed_ & 63) == 0 && std::chrono::steady_clock::now() - started_ > ctx_.limits.max_time) {
        throw LimitReached{"the script ran longer than " +
                           std::to_string(ctx_.limits.max_time.count() / 1000) + " ms"};
      }
      const Operand* op = in.operand < program_->operands.size() ? &program_->operands[in.operand] : nullptr;
      std::uint32_t next = pc + 1;
      switch (in.op) {
        case Opcode::kJump: next = in.target; break;
        case Opcode::kJumpIfFalse: if (!cond_) next = in.target; break;
        case Opcode::kJumpIfTrue: if (cond_) next = in.target; break;
        case Opcode::kNot: cond_ = !cond_; break;
        case Opcode::kBranch: if (!cond_) next = in.target; break;
        case Opcode::kStop: return Ended::kStop;      // RFC 5228 3.3: ends everything
        case Opcode::kReturn:                         // RFC 6609 3.3: ends this script
        case Opcode::kEnd: return Ended::kEnd;
        case Opcode::kInclude: {
          Ended e = include(*op);
          if (e != Ended::kEnd) return e;
          break;
        }
        case Opcode::kForEveryPart: next = loop_start(pc, *op); break;
        case Opcode::kLoopNext: next = loop_next(in.target); break;
        case Opcode::kBreak:
          if (!loops_.empty()) loops_.pop_back();
          next = in.target;
          break;
        default:
          if (!dispatch(in, *op)) return Ended::kFailed;  // a runtime error ended the run
      }
      pc = next;
    }
    return Ended::kEnd;
  }

  // RFC 6609 3.2: run an included script with its own variables; globals are shared by
  // name; :once skips a script that already ran in this run.
  Ended include(const Operand& op) {
    if (!op.has_slot || op.slot >= program_->includes.size()) return Ended::kEnd;
    const Program* sub = program_->includes[op.slot].get();
    if (sub == nullptr) return Ended::kEnd;  // a missing :optional script
    if (op.has("once") && !included_once_.insert(sub).second) return Ended::kEnd;
    included_once_.insert(sub);
    const Program* saved_program = program_;
    std::vector<std::string> saved_variables = std::move(variables_);
    std::vector<std::string> saved_match = std::move(match_);
    std::vector<Loop> saved_loops = std::move(loops_);
    program_ = sub;
    variables_.assign(sub->variables.size(), std::string());
    match_.clear();
    loops_.clear();
    Ended e = execute();
    program_ = saved_program;
    variables_ = std::move(saved_variables);
    match_ = std::move(saved_match);
    loops_ = std::move(saved_loops);
    return e;
  }

  // Returns false when the run must end (runtime error).
  bool dispatch(const Instruction& in, const Operand& op) {
    if (in.execute != nullptr) {  // executed by its extension (registry entry)
      if (!in.is_test) return in.execute(*this, op);
      cond_ = in.execute(*this, op);
      return true;
    }
    switch (in.op) {
      // tests
      case Opcode::kTrue: cond_ = true; return true;
      case Opcode::kFalse: cond_ = false; return true;
      case Opcode::kHeader: cond_ = test_header(op); return true;
      case Opcode::kAddress: cond_ = test_address(op); return true;
      case Opcode::kEnvelope: cond_ = test_envelope(op); return true;
      case Opcode::kExists: cond_ = test_exists(op); return true;
      case Opcode::kSize: cond_ = test_size(op); return true;
      case Opcode::kString: cond_ = test_string(op); return true;
      case Opcode::kDate: cond_ = test_date(op, false); return true;
      case Opcode::kCurrentDate: cond_ = test_date(op, true); return true;
      case Opcode::kEnvironment: cond_ = test_environment(op); return true;
      case Opcode::kHasFlag: cond_ = test_hasflag(op); return true;
      case Opcode::kIhave: cond_ = test_ihave(op); return true;
      case Opcode::kValidNotifyMethod: cond_ = test_valid_notify(op); return true;
      case Opcode::kNotifyMethodCapability: cond_ = test_notify_capability(op); return true;
      case Opcode::kDuplicate: cond_ = test_duplicate(op); return true;
      case Opcode::kMailboxExists: cond_ = test_mailbox_exists(op); return true;
      case Opcode::kValidExtList: cond_ = test_valid_ext_list(op); return true;
      case Opcode::kMetadata:
      case Opcode::kMetadataExists:
      case Opcode::kServerMetadata:
      case Opcode::kServerMetadataExists:
      case Opcode::kSpecialUseExists:
      case Opcode::kMailboxIdExists:
        // No mailbox store behind an SMTP proxy: nothing exists there (RFC 5490 / 8579 /
        // 9042 tests are false).
        cond_ = false;
        return true;
      // commands
      case Opcode::kKeep: return add(make_keep(op));
      case Opcode::kDiscard: return add(simple(Action::Kind::kDiscard));
      case Opcode::kRedirect: return redirect(op);
      case Opcode::kFileinto: return add(make_fileinto(op));
      case Opcode::kReject:
      case Opcode::kEreject: {
        Action a = simple(in.op == Opcode::kReject ? Action::Kind::kReject : Action::Kind::kEreject);
        a.reason = expand(op.lists.at(0).at(0));
        return add(std::move(a));
      }
      case Opcode::kSet: set(op); return true;
      case Opcode::kSetFlag:
      case Opcode::kAddFlag:
      case Opcode::kRemoveFlag: flags(in.op, op); return true;
      case Opcode::kMark: add_flags(internal_flags_, "\\Flagged"); return true;
      case Opcode::kUnmark: remove_flags(internal_flags_, "\\Flagged"); return true;
      case Opcode::kAddHeader: return addheader(op);
      case Opcode::kDeleteHeader: return deleteheader(op);
      case Opcode::kVacation: return add(make_vacation(op));
      case Opcode::kNotify: {
        Action a = make_notify(op);
        // RFC 5435 3.8: a method that is not a valid URI at run time is an error.
        if (lower(a.target).rfind("mailto:", 0) != 0 ||
            !extensions::mailto_problem(std::string_view(a.target).substr(7)).empty()) {
          return error("notify: invalid notification method '" + a.target + "'");
        }
        return add(std::move(a));
      }
      case Opcode::kError:
        return error("script error: " + expand(op.lists.at(0).at(0)));
      case Opcode::kGlobal: return true;  // resolved to slots at compile time
      case Opcode::kExtractText: extracttext(op); return true;
      case Opcode::kReplace: return replace(op);
      case Opcode::kEnclose: return enclose(op);
      default:
        return true;
    }
  }

  // ---------------------------------------------------------------- ExecContext

  bool match(const Operand& op, const std::vector<std::string>& values,
             const StringList& keys) override {
    return match_values(op, values, keys);
  }
  [[noreturn]] void limit_reached(std::string what) override { throw LimitReached{std::move(what)}; }
  ActionSet& result() override { return result_; }
  RunContext& context() override { return ctx_; }
  Host& host() override { return host_; }
  const Program& program() const override { return *program_; }
  std::uint64_t executed() const override { return executed_; }
  std::optional<std::size_t> current_part() const override {
    if (loops_.empty()) return std::nullopt;
    return loops_.back().part;
  }
  std::vector<std::string>& internal_flags() override { return internal_flags_; }

  bool error(std::string message) override {
    result_.fail(RunStatus::kError, RuntimeError{pos_, std::move(message)});
    return false;
  }

  bool add(Action action) override {
    action.pos = pos_;
    if (result_.actions().size() >= ctx_.limits.max_actions) {
      throw LimitReached{"more than " + std::to_string(ctx_.limits.max_actions) + " actions"};
    }
    if (auto conflict = result_.add(std::move(action))) return error(*conflict);
    return true;
  }

  Action simple(Action::Kind kind) const {
    Action a;
    a.kind = kind;
    return a;
  }

  // ---------------------------------------------------------------- strings

  std::string expand(const StringTemplate& t) override {
    if (t.is_constant()) return t.constant;
    std::string out;
    for (const StringTemplate::Piece& p : t.pieces) {
      switch (p.kind) {
        case StringTemplate::Piece::Kind::kText: out += p.text; break;
        case StringTemplate::Piece::Kind::kVariable:
          if (p.index < variables_.size()) out += variables_[p.index];
          break;
        case StringTemplate::Piece::Kind::kGlobal:
          if (p.index < program_->globals.size()) {
            auto g = globals_.find(program_->globals[p.index]);
            if (g != globals_.end()) out += g->second;
          }
          break;
        case StringTemplate::Piece::Kind::kMatch:
          if (p.index < match_.size()) out += match_[p.index];
          break;
        case StringTemplate::Piece::Kind::kEnv:
          out += host_.fact(p.text).value_or("");
          break;
        case StringTemplate::Piece::Kind::kEnvelope:
          out += envelope_variable(p.text);
          break;
      }
      if (out.size() > ctx_.limits.max_string_size) {
        throw LimitReached{"a string grew beyond " + std::to_string(ctx_.limits.max_string_size) +
                           " bytes"};
      }
    }
    return out;
  }

  std::vector<std::string> expand(const StringList& list) override {
    std::vector<std::string> out;
    out.reserve(list.size());
    for (const StringTemplate& t : list) out.push_back(expand(t));
    return out;
  }

  std::string envelope_variable(const std::string& name) {
    if (name == "from") return result_.envelope.from.value_or(lower(ctx_.envelope.from));
    if (name == "to") {
      if (result_.envelope.to) return *result_.envelope.to;
      std::string all;
      for (const std::string& t : ctx_.envelope.to) all += (all.empty() ? "" : ",") + lower(t);
      return all;
    }
    return host_.fact("envelope." + name).value_or("");
  }

  std::optional<std::string> tag_string(const Operand& op, std::string_view tag) {
    auto it = op.string_tags.find(tag);
    if (it == op.string_tags.end() || it->second.empty()) return std::nullopt;
    return expand(it->second[0]);
  }

  std::vector<std::string> tag_list(const Operand& op, std::string_view tag) {
    auto it = op.string_tags.find(tag);
    if (it == op.string_tags.end()) return {};
    return expand(it->second);
  }

  // ---------------------------------------------------------------- matching

  // Compares every value with every key (RFC 5228 2.7); sets the match variables from
  // the first successful :matches / :regex comparison (RFC 5229 3.2).
  bool match_values(const Operand& op, const std::vector<std::string>& values,
                    const StringList& key_list) {
    const MatchSpec& m = op.match;
    // Constant keys are used in place; only keys with variables are expanded.
    std::vector<std::string> expanded;
    std::vector<std::string_view> keys;
    keys.reserve(key_list.size());
    for (const StringTemplate& t : key_list) {
      if (t.is_constant()) continue;
      expanded.push_back(expand(t));
    }
    for (std::size_t i = 0, e = 0; i < key_list.size(); ++i) {
      keys.push_back(key_list[i].is_constant() ? std::string_view(key_list[i].constant)
                                               : std::string_view(expanded[e++]));
    }
    switch (m.type) {
      case MatchType::kCount: {
        std::string count = std::to_string(values.size());
        for (std::string_view key : keys) {
          if (match::relation_holds(m.relation, match::order(m.comparator, count, key))) return true;
        }
        return false;
      }
      case MatchType::kValue:
        for (const std::string& v : values) {
          for (std::string_view key : keys) {
            if (match::relation_holds(m.relation, match::order(m.comparator, v, key))) return true;
          }
        }
        return false;
      case MatchType::kList:
        for (const std::string& v : values) {
          for (std::string_view key : keys) {
            if (host_.list_contains(key, v)) return true;
          }
        }
        return false;
      default:
        break;
    }
    std::vector<std::string> captures;
    for (const std::string& v : values) {
      for (std::size_t k = 0; k < keys.size(); ++k) {
        std::string_view key = keys[k];
        bool hit = false;
        switch (m.type) {
          case MatchType::kIs: hit = match::equals(m.comparator, v, key); break;
          case MatchType::kContains: hit = match::contains(m.comparator, v, key); break;
          case MatchType::kMatches:
            hit = match::matches(m.comparator, v, key, capture_on() ? &captures : nullptr);
            break;
          case MatchType::kRegex: {
            const match::Regex* re = k < m.regexes.size() ? m.regexes[k].get() : nullptr;
            std::optional<match::Regex> compiled;
            if (re == nullptr) {
              std::string err;
              compiled = match::Regex::compile(key, m.comparator, &err);
              if (!compiled) continue;  // an invalid run-time pattern never matches
              re = &*compiled;
            }
            hit = re->match(v, capture_on() ? &captures : nullptr);
            break;
          }
          default: break;
        }
        if (hit) {
          if ((m.type == MatchType::kMatches || m.type == MatchType::kRegex) && capture_on()) {
            match_ = std::move(captures);
          }
          return true;
        }
      }
    }
    return false;
  }

  bool capture_on() const { return program_->capabilities.count("variables") > 0; }

  // ---------------------------------------------------------------- tests

  // Header values and parsed address lists are cached for the run (a policy asks for
  // the same few fields many times); editheader clears the caches.
  // A short list searched linearly: a script asks for a handful of fields, and a hit
  // must not allocate (this runs for every header test).
  struct CachedField {
    std::string name;
    bool decoded;
    std::vector<std::string> values;
  };

  const std::vector<std::string>& cached_values(std::string_view name, bool decode) {
    for (const CachedField& f : header_cache_) {
      if (f.decoded == decode && ascii_iequals(f.name, name)) return f.values;
    }
    std::vector<std::string> values;
    if (ctx_.message != nullptr) {
      values = decode ? ctx_.message->header_values(name) : ctx_.message->raw_header_values(name);
    }
    header_cache_.push_back(CachedField{std::string(name), decode, std::move(values)});
    return header_cache_.back().values;
  }

  const std::vector<message::Mailbox>& cached_addresses(const std::string& field) {
    auto it = address_cache_.find(field);
    if (it != address_cache_.end()) return it->second;
    return address_cache_.emplace(field, message::parse_address_list(field)).first->second;
  }

  void message_edited() override {
    header_cache_.clear();
    address_cache_.clear();
  }

  const std::vector<std::string>& header_values(std::string_view name, bool decode = true) override {
    return cached_values(name, decode);
  }

  bool test_header(const Operand& op) {
    const StringList& names = op.lists.at(0);
    if (names.size() == 1 && names[0].is_constant() && !op.has("mime") &&
        op.number_tags.count("index") == 0) {
      // The common case: one constant field name, compared without copying the values.
      return match_values(op, cached_values(names[0].constant, true), op.lists.at(1));
    }
    std::vector<std::string> values;
    for (const std::string& name : expand(op.lists.at(0))) {
      std::vector<std::string> v = op.has("mime") ? mime_values(op, name, true) : header_values(name);
      select_index(op, v);
      values.insert(values.end(), v.begin(), v.end());
    }
    if (op.has("mime")) values = mime_options(op, values);
    return match_values(op, values, op.lists.at(1));
  }

  // RFC 5703 4: with :mime the test reads the header of the current MIME part (the
  // message itself outside foreverypart); :anychild adds every part below it.
  std::vector<std::size_t> mime_scope(const Operand& op) {
    std::size_t current = loops_.empty() ? 0 : loops_.back().part;
    std::vector<std::size_t> scope{current};
    if (op.has("anychild")) {
      const message::MimeTree& tree = ctx_.message->mime();
      for (std::size_t i = 0; i < scope.size(); ++i) {
        if (scope[i] >= tree.parts.size()) continue;
        for (std::size_t child : tree.parts[scope[i]].children) scope.push_back(child);
      }
    }
    return scope;
  }

  std::vector<std::string> mime_values(const Operand& op, const std::string& name, bool decode) {
    std::vector<std::string> out;
    if (ctx_.message == nullptr) return out;
    const message::MimeTree& tree = ctx_.message->mime();
    for (std::size_t id : mime_scope(op)) {
      std::vector<std::string> v;
      if (id == 0) {  // the message's own header, with editheader changes
        v = decode ? ctx_.message->header_values(name) : ctx_.message->raw_header_values(name);
      } else if (id < tree.parts.size()) {
        v = message::field_values(tree.parts[id].fields, name, decode);
      }
      out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  }

  // RFC 5703 4.2: :type, :subtype and :contenttype read a Content-Type value; :param
  // gives the values of the named parameters of any parameterised field.
  std::vector<std::string> mime_options(const Operand& op, const std::vector<std::string>& values) {
    bool type = op.has("type"), subtype = op.has("subtype"), contenttype = op.has("contenttype");
    std::vector<std::string> params = tag_list(op, "param");
    if (!type && !subtype && !contenttype && params.empty()) return values;
    std::vector<std::string> out;
    for (const std::string& value : values) {
      if (type || subtype || contenttype) {
        auto ct = message::parse_content_type(value);
        if (!ct) continue;
        out.push_back(type ? ct->type : subtype ? ct->subtype : ct->media_type());
        continue;
      }
      // Parameters of any field: give the value a content-type shape to reuse the
      // RFC 2045 / 2231 parameter parser.
      std::size_t semicolon = value.find(';');
      if (semicolon == std::string::npos) continue;
      auto parsed = message::parse_content_type("x/x" + value.substr(semicolon));
      if (!parsed) continue;
      for (const std::string& name : params) {
        if (auto p = parsed->param(lower(name))) out.emplace_back(*p);
      }
    }
    return out;
  }

  // RFC 5260 6: :index N picks the Nth field (from the end with :last).
  static void select_index(const Operand& op, std::vector<std::string>& values) {
    auto it = op.number_tags.find("index");
    if (it == op.number_tags.end()) return;
    std::uint64_t n = it->second;
    if (n == 0 || n > values.size()) {
      values.clear();
      return;
    }
    std::size_t at = op.has("last") ? values.size() - n : n - 1;
    std::string picked = std::move(values[at]);
    values.assign(1, std::move(picked));
  }

  std::optional<std::string> part_of(const message::Mailbox& box, AddressPart part) {
    static constexpr message::AddressPart kParts[] = {
        message::AddressPart::kAll, message::AddressPart::kLocalPart, message::AddressPart::kDomain,
        message::AddressPart::kUser, message::AddressPart::kDetail};
    return message::address_part(box, kParts[static_cast<int>(part)], host_.subaddress_separator());
  }

  bool test_address(const Operand& op) {
    std::vector<std::string> values;
    std::size_t addresses = 0;
    for (const std::string& name : expand(op.lists.at(0))) {
      if (ctx_.message == nullptr) continue;
      std::vector<std::string> copy;
      const std::vector<std::string>* fields = &cached_values(name, false);
      if (op.has("mime") || op.number_tags.count("index") > 0) {
        copy = op.has("mime") ? mime_values(op, name, false) : *fields;
        select_index(op, copy);
        fields = &copy;
      }
      for (const std::string& field : *fields) {
        const std::vector<message::Mailbox>& boxes = cached_addresses(field);
        if (!usable(boxes)) {
          // Not an address list we can take apart: the whole value is one address
          // whose :all part is the text as written (as in Pigeonhole).
          ++addresses;
          if (op.address_part == AddressPart::kAll) values.push_back(field);
          continue;
        }
        for (const message::Mailbox& box : boxes) {
          ++addresses;
          if (auto v = part_of(box, op.address_part)) values.push_back(*v);
        }
      }
    }
    if (op.match.type == MatchType::kCount) {
      // RFC 5231 4.2: :count counts the addresses, not the fields.
      values.resize(addresses);
    }
    return match_values(op, values, op.lists.at(1));
  }

  // An address list is usable when every entry is a well-formed ASCII local@domain
  // (SMTPUTF8 addresses and bare local parts are not addresses an MTA can route).
  static bool usable(const std::vector<message::Mailbox>& boxes) {
    if (boxes.empty()) return false;
    for (const message::Mailbox& box : boxes) {
      if (!box.valid || box.domain.empty()) return false;
      for (char c : box.local_part + box.domain) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
      }
    }
    return true;
  }

  bool test_envelope(const Operand& op) {
    std::vector<std::string> values;
    for (const std::string& part_name : expand(op.lists.at(0))) {
      std::string part = lower(part_name);
      std::vector<std::string> paths;
      if (part == "from") {
        paths.push_back(result_.envelope.from.value_or(ctx_.envelope.from));
      } else if (part == "to") {
        if (result_.envelope.to) paths.push_back(*result_.envelope.to);
        else paths = ctx_.envelope.to;
      } else if (part == "auth") {
        if (!ctx_.envelope.auth.empty()) paths.push_back(ctx_.envelope.auth);
      } else if (auto v = host_.fact("envelope." + part)) {
        paths.push_back(*v);
      }
      for (const std::string& path : paths) {
        // RFC 5228 5.4: the null reverse-path compares as "" for :all (and nothing else).
        if (path.empty()) {
          if (op.address_part == AddressPart::kAll) values.emplace_back();
          continue;
        }
        auto cached = path_cache_.find(path);
        if (cached == path_cache_.end()) {
          cached = path_cache_.emplace(path, message::parse_path(path)).first;
        }
        if (auto v = part_of(cached->second, op.address_part)) values.push_back(*v);
      }
    }
    return match_values(op, values, op.lists.at(1));
  }

  bool test_exists(const Operand& op) {
    if (ctx_.message == nullptr) return false;
    for (const std::string& name : expand(op.lists.at(0))) {
      bool present = op.has("mime") ? !mime_values(op, name, false).empty()
                                    : !cached_values(name, false).empty();
      if (!present) return false;
    }
    return true;
  }

  bool test_size(const Operand& op) {
    std::uint64_t size = ctx_.message != nullptr ? ctx_.message->size() : 0;
    std::uint64_t limit = op.numbers.at(0);
    return op.has("over") ? size > limit : size < limit;
  }

  bool test_string(const Operand& op) {
    std::vector<std::string> values = expand(op.lists.at(0));
    if (op.match.type == MatchType::kCount) {
      // RFC 5229 5: for :count, empty strings are not counted.
      values.erase(std::remove(values.begin(), values.end(), std::string()), values.end());
    }
    return match_values(op, values, op.lists.at(1));
  }

  bool test_date(const Operand& op, bool current) {
    std::optional<message::DateTime> when;
    std::size_t part_arg = 0;
    if (current) {
      when = message::from_epoch(host_.now(), host_.local_offset_minutes());
    } else {
      std::string name = expand(op.lists.at(0).at(0));
      std::vector<std::string> fields = header_values(name);
      select_index(op, fields);
      if (fields.empty()) return false;
      // RFC 5260 4: in a Received field the date-time follows the last semicolon.
      when = lower(name) == "received" ? message::parse_field_date(fields.front(), true)
                                       : message::parse_rfc5322(fields.front(), true);
      part_arg = 1;
      if (!when) return false;
    }
    if (auto zone = tag_string(op, "zone")) {
      auto offset = message::parse_zone(*zone);
      if (!offset) return false;
      when = message::in_zone(*when, *offset);
    } else if (!op.has("originalzone") && !current) {
      when = message::in_zone(*when, host_.local_offset_minutes());
    }
    auto value = message::date_part(*when, expand(op.lists.at(part_arg).at(0)));
    if (!value) return false;
    return match_values(op, {*value}, op.lists.at(part_arg + 1));
  }

  bool test_environment(const Operand& op) {
    std::string name = lower(expand(op.lists.at(0).at(0)));
    std::optional<std::string> value;
    if (name == "name") value = "sievegate";
    else if (name == "version") value = SIEVEGATE_ENGINE_VERSION;
    else value = host_.environment_item(name);
    if (!value) return false;  // RFC 5183 4: unknown items never match
    return match_values(op, {*value}, op.lists.at(1));
  }

  bool test_hasflag(const Operand& op) {
    std::vector<std::string> flags;
    const StringList& vars = op.lists.at(0);
    if (vars.empty()) {
      flags = internal_flags_;
    } else {
      for (const StringTemplate& v : vars) add_flags(flags, variable_value(v.constant));
    }
    return match_values(op, flags, op.lists.at(1));
  }

  bool test_ihave(const Operand& op) {
    for (const std::string& cap : expand(op.lists.at(0))) {
      bool known = program_->capabilities.count(cap) > 0 ||
                   std::find(ctx_.extra_capabilities.begin(), ctx_.extra_capabilities.end(), cap) !=
                       ctx_.extra_capabilities.end();
      if (!known) return false;
    }
    return true;
  }

  // RFC 5435 5: valid when every URI is one this implementation can notify (mailto)
  // and is syntactically valid (a URI without recipient is valid, RFC 6068 2).
  bool test_valid_notify(const Operand& op) {
    for (const std::string& uri : expand(op.lists.at(0))) {
      if (lower(uri).rfind("mailto:", 0) != 0) return false;
      if (!extensions::mailto_problem(std::string_view(uri).substr(7)).empty()) return false;
    }
    return true;
  }

  bool test_notify_capability(const Operand& op) {
    std::string uri = expand(op.lists.at(0).at(0));
    std::string capability = lower(expand(op.lists.at(1).at(0)));
    if (lower(uri).rfind("mailto:", 0) != 0 || capability != "online") return false;
    // RFC 5436 4: for mailto the "online" capability is always "maybe".
    return match_values(op, {"maybe"}, op.lists.at(2));
  }

  bool test_duplicate(const Operand& op) {
    std::string id;
    if (auto unique = tag_string(op, "uniqueid")) {
      id = *unique;
    } else {
      std::string header = tag_string(op, "header").value_or("message-id");
      std::vector<std::string> v = header_values(header);
      if (v.empty()) return false;
      id = v.front();
    }
    std::uint64_t seconds = 7 * 24 * 3600;
    if (auto it = op.number_tags.find("seconds"); it != op.number_tags.end()) seconds = it->second;
    std::string handle = tag_string(op, "handle").value_or("");
    result_.duplicate_ids.push_back({handle, id, seconds, op.has("last")});
    return host_.duplicate_seen(handle, id, seconds, op.has("last"));
  }

  bool test_mailbox_exists(const Operand& op) {
    for (const std::string& mailbox : expand(op.lists.at(0))) {
      if (!host_.mailbox_exists(mailbox)) return false;
    }
    return true;
  }

  bool test_valid_ext_list(const Operand& op) {
    for (const std::string& list : expand(op.lists.at(0))) {
      if (!host_.list_exists(list)) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- commands

  Action make_keep(const Operand& op) {
    Action a = simple(Action::Kind::kKeep);
    apply_flags(a, op);
    return a;
  }

  void apply_flags(Action& a, const Operand& op) {
    auto it = op.string_tags.find("flags");
    if (it != op.string_tags.end()) {
      a.has_flags = true;
      for (const std::string& f : expand(it->second)) add_flags(a.flags, f);
    } else if (program_->capabilities.count("imap4flags") > 0) {
      a.flags = internal_flags_;
      a.has_flags = !a.flags.empty();
    }
  }

  Action make_fileinto(const Operand& op) {
    Action a = simple(Action::Kind::kFileinto);
    a.target = expand(op.lists.at(0).at(0));
    a.copy = op.has("copy");
    a.create = op.has("create");
    a.special_use = tag_string(op, "specialuse").value_or("");
    a.mailbox_id = tag_string(op, "mailboxid").value_or("");
    apply_flags(a, op);
    return a;
  }

  bool redirect(const Operand& op) {
    Action a = simple(Action::Kind::kRedirect);
    a.target = expand(op.lists.at(0).at(0));
    // "Carol <carol@example.net>" and "carol@example.net" are one destination: keep the
    // bare address (what the relay needs, and what duplicate suppression compares).
    std::vector<message::Mailbox> boxes = message::parse_address_list(a.target);
    if (boxes.size() == 1 && boxes[0].valid && !boxes[0].domain.empty()) {
      // Domains are case-insensitive, local parts are not (RFC 5321 2.4).
      a.target = boxes[0].local_part + "@" + lower(boxes[0].domain);
    } else if (op.has("list") == false) {
      return error("redirect: invalid address '" + a.target + "'");
    }
    a.copy = op.has("copy");
    a.dsn_notify = tag_string(op, "notify").value_or("");
    a.dsn_ret = tag_string(op, "ret").value_or("");
    if (result_.redirects() >= ctx_.limits.max_redirects) {
      throw LimitReached{"more than " + std::to_string(ctx_.limits.max_redirects) + " redirects"};
    }
    return add(std::move(a));
  }

  Action make_vacation(const Operand& op) {
    Action a = simple(Action::Kind::kVacation);
    a.reason = expand(op.lists.at(0).at(0));
    a.subject = tag_string(op, "subject").value_or("");
    a.from = tag_string(op, "from").value_or("");
    a.handle = tag_string(op, "handle").value_or("");
    a.addresses = tag_list(op, "addresses");
    a.mime = op.has("mime");
    // RFC 5230 4.1: :days defaults to 7; RFC 6131: :seconds. Reported in seconds.
    if (auto it = op.number_tags.find("seconds"); it != op.number_tags.end()) {
      a.seconds = it->second;
    } else if (auto days = op.number_tags.find("days"); days != op.number_tags.end()) {
      a.seconds = days->second * 86400;
    } else {
      a.seconds = 7 * 86400;
    }
    return a;
  }

  Action make_notify(const Operand& op) {
    Action a = simple(Action::Kind::kNotify);
    a.target = expand(op.lists.at(0).at(0));
    a.from = tag_string(op, "from").value_or("");
    a.reason = tag_string(op, "message").value_or("");
    a.options = tag_list(op, "options");
    if (auto importance = tag_string(op, "importance")) {
      a.importance = (*importance == "1") ? 1 : (*importance == "3") ? 3 : 2;
    }
    return a;
  }

  std::string variable_value(const std::string& name) override {
    std::string n = lower(name);
    auto it = std::find(program_->variables.begin(), program_->variables.end(), n);
    if (it != program_->variables.end()) return variables_[static_cast<std::size_t>(it - program_->variables.begin())];
    return "";
  }

  void assign(const Operand& op, std::string value) override {
    if (value.size() > ctx_.limits.max_string_size) {
      throw LimitReached{"a variable grew beyond " + std::to_string(ctx_.limits.max_string_size) +
                         " bytes"};
    }
    const std::string& name = op.lists.at(0).at(0).constant;
    std::string n = lower(name);
    if (n.rfind("envelope.", 0) == 0) {
      // Stalwart's trusted scripts change the relayed envelope this way (config.md).
      if (n == "envelope.from") result_.envelope.from = value;
      else if (n == "envelope.to") result_.envelope.to = value;
      return;
    }
    if (op.slot & kGlobalBit) {
      std::uint32_t g = op.slot & ~kGlobalBit;
      if (g < program_->globals.size()) globals_[program_->globals[g]] = std::move(value);
    } else if (op.slot < variables_.size()) {
      variables_[op.slot] = std::move(value);
    }
  }

  // RFC 5229 4.1: modifiers apply from the highest precedence down: 40 (lower/upper),
  // 30 (lowerfirst/upperfirst), 20 (quotewildcard/quoteregex), 15 (encodeurl), 10 (length).
  std::string modify(const Operand& op, std::string v) {
    if (op.has("lower")) v = lower(v);
    if (op.has("upper")) v = upper(v);
    if (op.has("lowerfirst") && !v.empty()) v[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(v[0])));
    if (op.has("upperfirst") && !v.empty()) v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    if (op.has("quotewildcard")) v = match::wildcard_quote(v);
    if (op.has("quoteregex")) v = match::regex_quote(v);
    if (op.has("encodeurl")) v = encode_url(v);
    if (op.has("length")) v = std::to_string(utf8_length(v));
    return v;
  }

  static std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  }

  // RFC 5435 6: percent-encode everything but RFC 3986 unreserved characters.
  static std::string encode_url(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
        out += c;
      } else {
        out += '%';
        out += kHex[u >> 4];
        out += kHex[u & 15];
      }
    }
    return out;
  }

  void set(const Operand& op) { assign(op, modify(op, expand(op.lists.at(1).at(0)))); }

  void flags(Opcode code, const Operand& op) {
    const StringList& var = op.lists.at(0);
    std::vector<std::string> items = expand(op.lists.at(1));
    std::vector<std::string> current;
    bool use_variable = !var.empty();
    if (use_variable) add_flags(current, variable_value(var[0].constant));
    else current = internal_flags_;
    if (code == Opcode::kSetFlag) current.clear();
    for (const std::string& item : items) {
      if (code == Opcode::kRemoveFlag) remove_flags(current, item);
      else add_flags(current, item);
    }
    if (use_variable) {
      Operand target = op;
      assign(target, join_flags(current));
    } else {
      internal_flags_ = std::move(current);
    }
  }

  bool addheader(const Operand& op) {
    if (ctx_.message == nullptr) return true;  // no message at this stage: no effect
    if (++header_edits_ > ctx_.limits.max_header_edits) {
      throw LimitReached{"more than " + std::to_string(ctx_.limits.max_header_edits) + " header edits"};
    }
    std::string name = expand(op.lists.at(0).at(0));
    std::string value = expand(op.lists.at(1).at(0));
    // The same rules the checker applies to constants, for names and values built at
    // run time (RFC 5293 4: an invalid field name is an error).
    if (value.size() > 2048) return error("addheader: the value is larger than 2048 bytes");
    if (!ctx_.message->add_header(name, value, op.has("last"))) {
      return error("addheader: invalid header field name '" + name + "'");
    }
    message_edited();
    return true;
  }

  bool deleteheader(const Operand& op) {
    if (ctx_.message == nullptr) return true;
    if (++header_edits_ > ctx_.limits.max_header_edits) {
      throw LimitReached{"more than " + std::to_string(ctx_.limits.max_header_edits) + " header edits"};
    }
    std::string name = expand(op.lists.at(0).at(0));
    // RFC 5293 7: a site may protect fields; like Pigeonhole we keep the trace field
    // Received, whose removal would hide mail loops.
    if (lower(name) == "received") return true;
    std::optional<message::FieldIndex> index;
    if (auto it = op.number_tags.find("index"); it != op.number_tags.end()) {
      if (it->second == 0) return true;  // :index 0 names no field
      index = message::FieldIndex{static_cast<std::size_t>(it->second), op.has("last")};
    }
    message::ValuePredicate predicate;
    if (op.lists.size() > 1 && !op.lists[1].empty()) {
      const StringList& patterns = op.lists[1];
      predicate = [this, &op, &patterns](std::string_view value) {
        return match_values(op, {std::string(value)}, patterns);
      };
    }
    ctx_.message->delete_header(name, index, predicate);
    message_edited();
    return true;
  }

  void extracttext(const Operand& op) {
    std::string text;
    if (!loops_.empty() && ctx_.message != nullptr) {
      const message::MimeTree& tree = ctx_.message->mime();
      if (loops_.back().part < tree.parts.size()) {
        const message::Part& part = tree.parts[loops_.back().part];
        text = message::decode_text(part);
        // As body :text does: HTML reads as its text.
        if (part.content_type.type == "text" && part.content_type.subtype == "html") {
          text = message::html_to_text(text);
        }
      }
    }
    if (auto it = op.number_tags.find("first"); it != op.number_tags.end() && text.size() > it->second) {
      text.resize(it->second);
    }
    assign(op, modify(op, std::move(text)));
  }

  // ---------------------------------------------------------------- replace / enclose

  // Makes `raw` the message the rest of the script sees (RFC 5703 5/6: later tests see
  // the new message). The bytes live in this interpreter; the result carries a copy.
  void install_message(std::string raw) override {
    if (replaced_ == nullptr) original_message_ = ctx_.message;
    auto bytes = std::make_unique<std::string>(std::move(raw));
    auto msg = std::make_unique<message::Message>(*bytes);
    replaced_bytes_.push_back(std::move(bytes));
    replaced_ = std::move(msg);
    ctx_.message = replaced_.get();
    message_edited();
  }

  // The header fields of the current message, minus those `drop` names.
  std::string kept_header(std::initializer_list<const char*> drop, bool drop_content) {
    std::string out;
    for (const message::HeaderField& f : ctx_.message->fields()) {
      std::string name = lower(f.name);
      bool dropped = drop_content && name.rfind("content-", 0) == 0;
      for (const char* d : drop) dropped |= name == d;
      if (!dropped) {
        std::string raw(f.raw);
        if (raw.empty() || raw.back() != '\n') raw += "\r\n";
        out += raw;
      }
    }
    return out;
  }

  static std::string header_line(std::string_view name, std::string_view value) {
    return std::string(name) + ": " + message::encode_rfc2047(value) + "\r\n";
  }

  static std::string crlf(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
      out += text[i];
    }
    return out;
  }

  // RFC 5703 5: the message body becomes `replacement` (a MIME entity with :mime, else
  // UTF-8 text); :subject and :from replace those header fields.
  bool replace(const Operand& op) {
    if (ctx_.message == nullptr) return true;  // no message at this stage
    if (!loops_.empty()) {
      return error("'replace' inside 'foreverypart' (replacing one MIME part) is not supported yet");
    }
    std::string replacement = crlf(expand(op.lists.at(0).at(0)));
    auto subject = tag_string(op, "subject");
    auto from = tag_string(op, "from");
    std::string out = kept_header({"mime-version", subject ? "subject" : "", from ? "from" : ""}, true);
    if (subject) out += header_line("Subject", *subject);
    if (from) out += "From: " + *from + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    if (op.has("mime")) {
      out += replacement;  // its own header, a blank line, its body
    } else {
      out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
      out += replacement;
    }
    install_message(std::move(out));
    return true;
  }

  // RFC 5703 6: a new message whose body is `text` followed by the original message as
  // a message/rfc822 attachment; :subject sets the Subject, :headers adds fields.
  bool enclose(const Operand& op) {
    if (ctx_.message == nullptr) return true;
    std::string original = replaced_ != nullptr ? replaced_->serialize() : ctx_.message->serialize();
    std::string boundary = "sievegate-enclose-" + std::to_string(original.size()) + "-" +
                           std::to_string(executed_);
    std::string out;
    for (const message::HeaderField& f : ctx_.message->fields()) {
      std::string name = lower(f.name);
      if (name == "from" || name == "to" || name == "cc" || name == "date" ||
          name == "message-id" || name == "return-path" || name == "received" ||
          (name == "subject" && !op.string_tags.count("subject"))) {
        std::string raw(f.raw);
        if (raw.empty() || raw.back() != '\n') raw += "\r\n";
        out += raw;
      }
    }
    if (auto subject = tag_string(op, "subject")) out += header_line("Subject", *subject);
    for (const std::string& h : tag_list(op, "headers")) {
      if (h.find(':') != std::string::npos && h.find('\n') == std::string::npos) out += h + "\r\n";
    }
    out += "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    out += crlf(expand(op.lists.at(0).at(0)));
    out += "\r\n--" + boundary + "\r\nContent-Type: message/rfc822\r\n\r\n";
    out += original;
    out += "\r\n--" + boundary + "--\r\n";
    install_message(std::move(out));
    return true;
  }

  // ---------------------------------------------------------------- foreverypart

  struct Loop {
    std::uint32_t start;
    std::vector<std::size_t> parts;  // part ids in message order
    std::size_t next = 0;
    std::size_t part = 0;            // current part id
  };

  std::uint32_t loop_start(std::uint32_t pc, const Operand&) {
    const Instruction& in = program_->code[pc];
    if (ctx_.message == nullptr) return in.target;
    // RFC 5703 3: a nested loop iterates over the parts below the enclosing loop's part.
    Loop loop{pc, loops_.empty() ? part_ids() : descendants(loops_.back().part), 0, 0};
    if (loop.parts.empty()) return in.target;
    loop.part = loop.parts[loop.next++];
    loops_.push_back(std::move(loop));
    return pc + 1;
  }

  // RFC 5703 3: the loop visits every MIME part in document order, the message itself
  // (the root part) first, as Pigeonhole does.
  std::vector<std::size_t> part_ids() {
    const message::MimeTree& tree = ctx_.message->mime();
    std::vector<std::size_t> ids(tree.parts.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
    return ids;
  }

  std::vector<std::size_t> descendants(std::size_t id) {
    const message::MimeTree& tree = ctx_.message->mime();
    std::vector<std::size_t> out;
    std::vector<std::size_t> stack{id};
    while (!stack.empty()) {  // pre-order, document order
      std::size_t at = stack.back();
      stack.pop_back();
      if (at != id) out.push_back(at);
      if (at >= tree.parts.size()) continue;
      const auto& children = tree.parts[at].children;
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    }
    return out;
  }

  std::uint32_t loop_next(std::uint32_t start) {
    if (loops_.empty()) return program_->code[start].target;
    Loop& loop = loops_.back();
    if (loop.next < loop.parts.size()) {
      loop.part = loop.parts[loop.next++];
      return start + 1;
    }
    loops_.pop_back();
    return program_->code[start].target;
  }

  const Program* program_;
  RunContext& ctx_;
  Host default_host_;
  Host& host_;
  ActionSet result_;
  bool cond_ = false;
  std::vector<std::string> variables_;
  std::unordered_map<std::string, std::string> globals_;  // RFC 6609 globals, by name
  std::set<const Program*> included_once_;
  std::uint64_t executed_ = 0;
  message::Message* original_message_ = nullptr;
  std::vector<std::unique_ptr<std::string>> replaced_bytes_;  // owners of replaced_'s bytes
  std::unique_ptr<message::Message> replaced_;
  std::vector<std::string> match_;
  std::vector<std::string> internal_flags_;
  std::vector<Loop> loops_;
  std::size_t header_edits_ = 0;
  std::deque<CachedField> header_cache_;  // deque: references stay valid as it grows
  std::unordered_map<std::string, std::vector<message::Mailbox>> address_cache_;
  std::unordered_map<std::string, message::Mailbox> path_cache_;
  SourcePos pos_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

ActionSet run(const Program& program, RunContext& context) {
  return Interpreter(program, context).run();
}

}  // namespace sievegate::policy

// RFC 5235 spamtest, spamtestplus (:percent) and virustest.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "sieve/extensions/extensions.h"
#include "sieve/runtime/exec_context.h"

namespace sievegate::policy::extensions {
namespace {

struct SpamtestData : OperandData {
  bool percent = false;
};

void generate_spamtest(Operand& op) {
  auto data = std::make_shared<SpamtestData>();
  data->percent = op.has("percent");
  op.data = std::move(data);
}

// RFC 5235: the verdict comes from a header the site configures; "0" means "not
// tested". spamtest gives 1 (clearly not spam) .. 10, :percent 0..100.
std::string spam_value(ExecContext& ctx, bool percent) {
  const ScoreTestConfig& cfg = ctx.context().scores;
  const std::vector<std::string>& v = ctx.header_values(cfg.spam_header);
  if (v.empty() || cfg.spam_max <= 0) return "0";
  // Only a plain decimal number is a score ("7.5", "-2"); anything else (a comma,
  // an exponent, trailing words) means "not tested", as in Pigeonhole.
  const std::string& text = v.front();
  std::size_t k = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  std::size_t digits = 0, dots = 0;
  for (std::size_t i = k; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) ++digits;
    else if ((text[i] == '.' || text[i] == ',') && dots++ == 0) continue;
    else return "0";
  }
  if (digits == 0) return "0";
  std::string number = text;
  for (char& c : number) c = c == ',' ? '.' : c;  // "7,5" is 7.5 (as in Pigeonhole)
  double score = std::strtod(number.c_str(), nullptr);
  double ratio = score / cfg.spam_max;
  if (percent) {
    long pct = static_cast<long>(100 * ratio);
    return std::to_string(std::clamp(pct, 0L, 100L));
  }
  long value = 1 + static_cast<long>(9 * ratio);
  return std::to_string(std::clamp(value, 1L, 10L));
}

// virustest gives 1..5 from the first word of the configured header.
std::string virus_value(ExecContext& ctx) {
  const ScoreTestConfig& cfg = ctx.context().scores;
  const std::vector<std::string>& v = ctx.header_values(cfg.virus_header);
  if (v.empty()) return "0";
  const std::string& text = v.front();
  std::size_t start = 0;
  while (start < text.size() && !std::isalpha(static_cast<unsigned char>(text[start]))) ++start;
  std::size_t end = start;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  std::string word = text.substr(start, end - start);
  for (std::size_t i = 0; i < cfg.virus_words.size(); ++i) {
    if (cfg.virus_words[i] == word) return std::to_string(i + 1);  // exact, as configured
  }
  return "0";
}

bool execute_spamtest(ExecContext& ctx, const Operand& op) {
  return ctx.match(op, {spam_value(ctx, op.typed<SpamtestData>().percent)}, op.lists.at(0));
}

bool execute_virustest(ExecContext& ctx, const Operand& op) {
  return ctx.match(op, {virus_value(ctx)}, op.lists.at(0));
}

}  // namespace

void register_spamtest(RegistryBuilder& r) {
  r.extension({"spamtest", {}, ""});
  r.extension({"spamtestplus", {"spamtest"}, ""});
  r.extension({"virustest", {}, ""});
  r.test("spamtest", "spamtest")
      .tag({"percent", "spamtestplus", TagGroup::kNone, std::nullopt, "", false, {}})
      .comparator()
      .match_type()
      .positional("value", ArgType::kString)
      .generate(generate_spamtest)
      .execute(execute_spamtest);
  r.test("virustest", "virustest")
      .comparator()
      .match_type()
      .positional("value", ArgType::kString)
      .execute(execute_virustest);
}

}  // namespace sievegate::policy::extensions

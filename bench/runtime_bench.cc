// Runtime benchmarks (issue: the Sieve runtime). Each figure comes with a baseline from
// the same run, so the note can report ratios rather than machine-dependent absolutes:
//   BM_Baseline_CompareIp      the bare string comparison the seed script performs
//   BM_SeedConnect_*           the seed connect script, end to end (target <= 1 us)
//   BM_Baseline_ScanMessage    one pass over the 10 KiB message (memchr for the body)
//   BM_Data50Rules_10KiB       a 50-rule DATA-stage script over that message, with a
//                              fresh Message per run as in the proxy (target >= 100k/s)
//   BM_Compile1000Lines        parse + check + generate of a 1,000-line script (<= 5 ms)
//   BM_ProgramMemory           heap bytes held per compiled program (counter)
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "sieve/message/message.h"
#include "sieve/sieve.h"

namespace {

using namespace sievegate::policy;

class FactHost final : public Host {
 public:
  explicit FactHost(std::string ip) : ip_(std::move(ip)) {}
  std::optional<std::string> fact(std::string_view name) const override {
    if (name == "remote_ip") return ip_;
    return std::string();
  }

 private:
  std::string ip_;
};

const char* kSeed =
    "require [\"variables\", \"reject\"];\n"
    "if string \"${env.remote_ip}\" \"10.0.0.88\" {\n"
    "    reject \"Your IP '${env.remote_ip}' is not welcomed here.\";\n"
    "}\n";

std::shared_ptr<const Program> must_compile(const std::string& source) {
  CompileResult r = compile(source);
  if (!r.program) {
    std::fprintf(stderr, "benchmark script does not compile: %s\n",
                 r.diagnostics.empty() ? "?" : r.diagnostics[0].message.c_str());
    std::abort();
  }
  return r.program;
}

void BM_Baseline_CompareIp(benchmark::State& state) {
  std::string ip = "192.0.2.7";
  for (auto _ : state) {
    benchmark::DoNotOptimize(ip);
    bool same = ip == "10.0.0.88";
    benchmark::DoNotOptimize(same);
  }
}
BENCHMARK(BM_Baseline_CompareIp);

void run_seed(benchmark::State& state, const char* ip) {
  auto program = must_compile(kSeed);
  FactHost host(ip);
  for (auto _ : state) {
    RunContext ctx;
    ctx.host = &host;
    ActionSet result = run(*program, ctx);
    benchmark::DoNotOptimize(result);
  }
}
void BM_SeedConnect_Accept(benchmark::State& state) { run_seed(state, "192.0.2.7"); }
void BM_SeedConnect_Reject(benchmark::State& state) { run_seed(state, "10.0.0.88"); }
BENCHMARK(BM_SeedConnect_Accept);
BENCHMARK(BM_SeedConnect_Reject);

std::string message_10k() {
  std::string m =
      "Return-Path: <sender@example.org>\r\n"
      "Received: from mx.example.org by mail.example.net; Tue, 05 Mar 2024 14:30:05 +0100\r\n"
      "Received: from client.example.org by mx.example.org; Tue, 05 Mar 2024 14:30:02 +0100\r\n"
      "Date: Tue, 05 Mar 2024 14:30:00 +0100\r\n"
      "From: \"Sender Name\" <sender@example.org>\r\n"
      "To: \"Recipient\" <rcpt@example.net>, other@example.net\r\n"
      "Subject: Quarterly report and figures\r\n"
      "Message-ID: <abc123@example.org>\r\n"
      "X-Spam-Score: 3.2\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "\r\n";
  while (m.size() < 10 * 1024) {
    m += "The quarterly figures are attached below; please review them before Friday.\r\n";
  }
  return m;
}

std::string rules_50() {
  std::string s =
      "require [\"fileinto\", \"envelope\", \"relational\", \"comparator-i;ascii-numeric\", "
      "\"body\", \"variables\", \"imap4flags\", \"editheader\", \"subaddress\"];\n";
  for (int i = 0; i < 10; ++i) {
    std::string n = std::to_string(i);
    s += "if header :contains \"subject\" \"keyword" + n + "\" { fileinto \"Folder" + n + "\"; }\n";
    s += "if address :is :domain \"from\" \"spam" + n + ".example\" { discard; stop; }\n";
    s += "if header :value \"ge\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"" +
         std::to_string(50 + i) + "\" { addflag \"\\\\Junk\"; }\n";
    s += "if anyof (header :matches \"list-id\" \"*list" + n + "*\", envelope :is \"from\" \"l" + n +
         "@example.org\") { fileinto \"Lists\"; }\n";
    s += "if exists \"x-tag" + n + "\" { addheader \"X-Seen" + n + "\" \"yes\"; }\n";
  }
  return s;
}

void BM_Baseline_ScanMessage(benchmark::State& state) {
  std::string raw = message_10k();
  for (auto _ : state) {
    const void* body = memmem(raw.data(), raw.size(), "\r\n\r\n", 4);
    benchmark::DoNotOptimize(body);
    std::size_t lines = 0;
    for (char c : raw) lines += c == '\n';
    benchmark::DoNotOptimize(lines);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_ScanMessage);

void BM_Data50Rules_10KiB(benchmark::State& state) {
  auto program = must_compile(rules_50());
  std::string raw = message_10k();
  Host host;
  for (auto _ : state) {
    message::Message msg(raw);
    RunContext ctx;
    ctx.message = &msg;
    ctx.host = &host;
    ctx.envelope.from = "sender@example.org";
    ctx.envelope.to = {"rcpt@example.net"};
    ActionSet result = run(*program, ctx);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Data50Rules_10KiB);

std::string lines_1000() {
  std::string s = "require [\"fileinto\", \"variables\", \"relational\", \"regex\"];\n";
  for (int i = 0; i < 333; ++i) {
    s += "if header :contains \"subject\" \"word" + std::to_string(i) + "\" {\n";
    s += "  fileinto \"folder" + std::to_string(i % 17) + "\";\n";
    s += "}\n";
  }
  return s;
}

void BM_Compile1000Lines(benchmark::State& state) {
  std::string script = lines_1000();
  must_compile(script);
  for (auto _ : state) {
    CompileResult r = compile(script);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Compile1000Lines)->Unit(benchmark::kMillisecond);

// Heap held by compiled programs: compile N copies, measure with mallinfo2.
void BM_ProgramMemory(benchmark::State& state) {
  const std::string seed = kSeed;
  const std::string big = lines_1000();
  for (auto _ : state) {
    for (const std::string* src : {&seed, &big}) {
      std::vector<std::shared_ptr<const Program>> keep;
      must_compile(*src);  // warm up registries and caches outside the measurement
      std::size_t before = mallinfo2().uordblks;
      for (int i = 0; i < 20; ++i) keep.push_back(must_compile(*src));
      std::size_t after = mallinfo2().uordblks;
      double per = static_cast<double>(after - before) / 20;
      state.counters[src == &seed ? "seed_bytes" : "lines1000_bytes"] = per;
    }
  }
}
BENCHMARK(BM_ProgramMemory)->Iterations(1);

}  // namespace

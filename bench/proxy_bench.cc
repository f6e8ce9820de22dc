// Proxy protocol benchmarks, without sockets, each with a baseline from the same run:
//   BM_Baseline_Copy100KiB     copying the 100 KiB message once (memcpy)
//   BM_DataReader_100KiB       decoding it from the DATA stream (end detection,
//                              dot-unstuffing, line limits, smuggling guard)
//   BM_RelaySource_100KiB      dot-stuffing it for the backend in 256 KiB chunks
//   BM_SessionTransaction      one whole transaction (EHLO..QUIT, 10 KiB message) through
//                              the session state machine against a scripted backend
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "smtp/data_reader.h"
#include "smtp/session.h"
#include "smtp/spool.h"

namespace {

using namespace sievegate::proxy;

std::string message(std::size_t size) {
  std::string m = "Subject: bench\r\nFrom: a@example.org\r\n\r\n";
  int i = 0;
  while (m.size() < size) {
    m += (i % 50 == 0) ? ".a line that starts with a dot\r\n" : "an ordinary line of text, about seventy characters long, to relay ok\r\n";
    ++i;
  }
  return m;
}

std::string stuffed(const std::string& m) {
  RelaySource s(MessageBuffer::from(m), true);
  std::string out;
  while (s.next(out, 1 << 20)) {
  }
  return out;
}

void BM_Baseline_Copy100KiB(benchmark::State& state) {
  std::string m = message(100 * 1024);
  std::string copy(m.size(), '\0');
  for (auto _ : state) {
    std::memcpy(copy.data(), m.data(), m.size());
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(m.size()));
}
BENCHMARK(BM_Baseline_Copy100KiB);

void BM_DataReader_100KiB(benchmark::State& state) {
  std::string wire = stuffed(message(100 * 1024));
  DataLimits limits;
  for (auto _ : state) {
    DataReader reader(limits);
    std::size_t used = 0;
    auto status = reader.feed(wire, used);
    if (status != DataReader::Status::kDone) state.SkipWithError("not done");
    benchmark::DoNotOptimize(reader.message().data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}
BENCHMARK(BM_DataReader_100KiB);

void BM_RelaySource_100KiB(benchmark::State& state) {
  std::string m = message(100 * 1024);
  std::string out;
  for (auto _ : state) {
    RelaySource s(MessageBuffer::from(m), true);
    out.clear();
    while (s.next(out, 256 * 1024)) {
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(m.size()));
}
BENCHMARK(BM_RelaySource_100KiB);

void BM_SessionTransaction(benchmark::State& state) {
  std::string data = stuffed(message(10 * 1024));
  SessionConfig config;
  config.hostname = "proxy.test";
  SessionFacts facts;
  facts.remote_ip = "192.0.2.7";
  for (auto _ : state) {
    Session s(config, facts, nullptr);
    std::size_t sent = 0;
    auto take = [&](const Output& o) {
      sent += o.to_client.size() + o.to_backend.size();
      if (o.backend_source) {
        std::string chunk;
        while (o.backend_source->next(chunk, 256 * 1024)) {
        }
        sent += chunk.size();
      }
    };
    take(s.start());
    take(s.client_bytes("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n"));
    take(s.backend_connected());
    take(s.backend_bytes("220 b\r\n"));
    take(s.backend_bytes("250-b\r\n250 PIPELINING\r\n"));
    take(s.backend_bytes("250 2.1.0 Ok\r\n"));
    take(s.client_bytes("RCPT TO:<b@example.net>\r\n"));
    take(s.backend_bytes("250 2.1.5 Ok\r\n"));
    take(s.client_bytes("DATA\r\n"));
    take(s.client_bytes(data));
    take(s.backend_bytes("354 go\r\n"));
    take(s.backend_bytes("250 2.0.0 Ok\r\n"));
    take(s.client_bytes("QUIT\r\n"));
    benchmark::DoNotOptimize(sent);
  }
  state.counters["transactions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SessionTransaction);

}  // namespace

// The configuration file: Stalwart v0.4's inbound keys (stalwart-stages.md section 1)
// plus the ones sievegate adds (config.md), read with toml++ into the proxy's settings
// and the Sieve stage policy. Every key is known: unknown keys are errors with a "did
// you mean" hint, keys that make no sense in front of an MTA are warnings that say so,
// nothing is silently ignored. Diagnostics carry file:line:column; a script written
// inside the config is reported at its position in the config file.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "bridge/sieve_policy.h"
#include "proxy/server.h"

namespace sievegate::config {

struct LoadedConfig {
  proxy::ServerConfig server;
  std::shared_ptr<SieveSettings> sieve;
  std::chrono::milliseconds shutdown_grace{30000};
  // Every diagnostic, each with its `file` (the config file, or a script file it names),
  // sorted by file and then by place.
  base::Diagnostics reports;
  // errno when the file itself could not be read: a system failure, not a mistake in
  // it. `reports` then holds only that, base::cannot_read's "cannot read: <reason>".
  int read_error = 0;
  bool ok() const;
  std::size_t errors() const;
  std::size_t warnings() const;
};

// Reads and checks `path` and every script it names (inline or file://). Certificates
// are loaded (a missing key file is a config error); the backend is not contacted.
LoadedConfig load_config(const std::string& path);

}  // namespace sievegate::config

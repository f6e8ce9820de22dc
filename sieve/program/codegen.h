// The generate stage: CheckedScript -> Program (see program.h).
#pragma once

#include <cstdint>

#include "sieve/front/checker.h"
#include "sieve/program/program.h"

namespace sievegate::policy {

// Variable slots with this bit set refer to Program::globals (RFC 6609 `global`).
inline constexpr std::uint32_t kGlobalBit = 0x80000000u;

Program generate(const CheckedScript& script, const Registry& registry, Diagnostics& out);

}  // namespace sievegate::policy

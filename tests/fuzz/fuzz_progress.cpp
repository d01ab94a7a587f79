// Fuzz target: the saved-progress loader and the progress code. A save that parses must
// serialise and parse back to the same thing; one that does not must say why. The input is also
// read as a progress code's body, sealed with its check (so the fuzzer explores the fields, not
// the checksum), and as code text: a code that decodes encodes back to itself, and its progress
// survives the save format.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/crypto.h"
#include "statelab/progress.h"

namespace {

void CheckCode(std::string_view code) {
  const sim::ProgressCodeResult r = sim::DecodeProgressCode(code);
  if (!r.progress) {
    if (sim::Describe(r.problem).empty()) __builtin_trap();
    return;
  }
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!code.empty() && space(code.front())) code.remove_prefix(1);
  while (!code.empty() && space(code.back())) code.remove_suffix(1);
  if (sim::EncodeProgressCode(*r.progress) != code) __builtin_trap();
  const auto saved = sim::ParseProgress(sim::SerializeProgress(*r.progress), "fuzz");
  if (!saved.progress || !saved.dropped.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = sim::ParseProgress(text, "fuzz");
  if (!loaded.progress) {
    if (loaded.error.empty()) __builtin_trap();
  } else {
    const std::string again = sim::SerializeProgress(*loaded.progress);
    const auto back = sim::ParseProgress(again, "fuzz");
    if (!back.progress || sim::SerializeProgress(*back.progress) != again) __builtin_trap();
  }

  std::vector<uint8_t> body(data, data + size);
  const sim::Sha256Digest check = sim::Sha256Of(std::span<const uint8_t>(body));
  body.insert(body.end(), check.begin(), check.begin() + 4);
  CheckCode(std::string(sim::kProgressCodePrefix) + sim::Base64UrlEncode(std::span<const uint8_t>(body)));
  CheckCode(text);
  return 0;
}

// Fuzz target: the cart cookie parser and signature check. No input may verify under a key it
// was not signed with, and whatever parses must re-encode to a cookie that parses to the same cart.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statelab/cart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sim::CookieKey key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(0xA5 ^ i);

  const sim::CookieParse trusted = sim::ParseCartCookieValue(text, nullptr);
  const sim::CookieParse verified = sim::ParseCartCookieValue(text, &key);
  // A fuzzer cannot forge an HMAC-SHA256: only an unsigned-format failure or a real error.
  if (verified.error == sim::CookieError::None) __builtin_trap();
  if (trusted.error == sim::CookieError::None) {
    const std::string resigned = sim::EncodeCartCookieValue(trusted.cart, &key);
    const sim::CookieParse back = sim::ParseCartCookieValue(resigned, &key);
    if (back.error != sim::CookieError::None || !sim::SameContents(back.cart, trusted.cart)) __builtin_trap();
    if (sim::CartCookieBytes(trusted.cart, true) != 5 + resigned.size()) __builtin_trap();
  }
  return 0;
}

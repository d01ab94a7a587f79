// Fuzz target: the cart cookie parser and signature check. An input verifies under the key only
// if it is exactly a cookie the key signed (the corpus holds a few, so the fuzzer explores the
// parser behind the check); no edit of one verifies. Whatever parses, signed or not, re-encodes
// to a cookie that parses to the same cart.
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
  if (verified.error == sim::CookieError::None) {
    // A fuzzer cannot forge an HMAC-SHA256: a verified cookie is one we signed, byte for byte,
    // and it says what the unsigned parse says.
    if (sim::EncodeCartCookieValue(verified.cart, &key) != text) __builtin_trap();
    if (trusted.error != sim::CookieError::None || !sim::SameContents(trusted.cart, verified.cart)) __builtin_trap();
  }
  if (trusted.error == sim::CookieError::None) {
    const std::string resigned = sim::EncodeCartCookieValue(trusted.cart, &key);
    const sim::CookieParse back = sim::ParseCartCookieValue(resigned, &key);
    if (back.error != sim::CookieError::None || !sim::SameContents(back.cart, trusted.cart)) __builtin_trap();
    if (sim::CartCookieBytes(trusted.cart, true) != 5 + resigned.size()) __builtin_trap();
    // Editing the cookie without the key never passes the check.
    for (sim::TamperKind kind : {sim::TamperKind::LowerPrices, sim::TamperKind::AddFreeItem}) {
      const std::string edited = sim::TamperCartCookieValue(resigned, kind);
      if (edited != resigned && sim::ParseCartCookieValue(edited, &key).error == sim::CookieError::None) __builtin_trap();
    }
  }
  return 0;
}

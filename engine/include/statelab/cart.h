// The shop's catalogue, the shopping cart, and the cart cookie used by the client-cookie session
// strategy. The cookie codec is a set of pure functions (encode, parse, verify, tamper) so that
// tests and a fuzzer can drive it directly; the model keeps the byte count of every cookie equal
// to what the encoder would produce.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "statelab/crypto.h"
#include "statelab/types.h"

namespace sim {

// [SECTION] Catalogue
struct Product {
  std::string_view sku;   // "TSHIRT-BLK-M"
  std::string_view name;  // "Classic-T-shirt-Black-M", URL-safe so it can travel in a cookie
  uint32_t price_cents;
  std::string_view image_url;  // what a cart page shows, so a cookie cart carries it too
  std::string_view page_url;
};
std::span<const Product> Catalog();
std::optional<uint16_t> FindSku(std::string_view sku);
inline constexpr uint16_t kTshirtSku = 0;  // "TSHIRT-BLK-M": Alice's T-shirt

// [SECTION] Cart
// A cookie line carries what the cart page shows (name, image, link): about 240 bytes once
// encoded, so the 4096-byte limit is reached at about 16 lines, before the cart is full.
inline constexpr int kMaxCartLines = 24;
inline constexpr uint16_t kMaxLineQuantity = 99;
inline constexpr uint32_t kCookieLimitBytes = 4096;  // browsers ignore a larger Set-Cookie

struct CartLine {
  uint16_t sku = 0;
  uint16_t quantity = 0;
  uint32_t unit_price_cents = 0;  // the price the cart claims; an attacker can lower it
};

// Totals and the digest are kept in step with the lines so that comparing two carts, which the
// model does on every request, costs a few integer compares.
struct Cart {
  uint16_t line_count = 0;
  uint16_t units = 0;
  uint32_t total_cents = 0;
  uint32_t payload_bytes = 0;  // bytes of the cookie payload before base64url
  uint64_t digest = 0;
  std::array<CartLine, kMaxCartLines> lines{};

  bool empty() const { return line_count == 0; }
  std::span<const CartLine> items() const { return {lines.data(), line_count}; }
};

bool SameContents(const Cart& a, const Cart& b);
// Adds one unit at the catalogue price. False when the cart is full (lines or quantity).
bool AddToCart(Cart& cart, uint16_t sku);
void ClearCart(Cart& cart);
// Recomputes totals, payload size and digest after lines were edited directly.
void RefreshCart(Cart& cart);
// What the shop would charge at catalogue prices: differs from total_cents for a tampered cart.
uint32_t CatalogValueCents(const Cart& cart);

// [SECTION] Cart cookie
// Format: cart=v1.<base64url(payload)>[.<base64url(HMAC-SHA256(key, "v1.<payload64>"))>]
// Payload: lines joined by '|', each "SKU*quantity*unit_price_cents*Name*ImageUrl*PageUrl".
using CookieKey = std::array<uint8_t, 32>;
inline constexpr std::string_view kCartCookieName = "cart";

enum class CookieError : uint8_t {
  None,
  Malformed,
  BadVersion,
  BadBase64,
  BadLine,
  UnknownSku,
  TooManyLines,
  MissingSignature,
  BadSignature,
};
std::string_view Name(CookieError e);
std::string_view Describe(CookieError e);  // "cookie rejected: bad signature"

// The value part only (after "cart="). A null key means unsigned.
std::string EncodeCartCookieValue(const Cart& cart, const CookieKey* key);
// Size of "cart=<value>", equal to 5 + EncodeCartCookieValue(...).size(), without building it.
uint32_t CartCookieBytes(const Cart& cart, bool is_signed);

struct CookieParse {
  CookieError error = CookieError::None;
  Cart cart;
};
// Parses a cookie value. With a key, a signature must be present and valid; without one, any
// signature is ignored (the server trusts the client).
CookieParse ParseCartCookieValue(std::string_view value, const CookieKey* verify_key);
// What an attacker does with the browser's developer tools: decode the payload, edit it,
// re-encode it, keep the old signature (they do not know the key).
std::string TamperCartCookieValue(std::string_view value, TamperKind kind);

}  // namespace sim

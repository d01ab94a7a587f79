// The catalogue, cart bookkeeping and the cart cookie codec.
#include "statelab/cart.h"

#include <charconv>
#include <string>
#include <vector>

namespace sim {

// [SECTION] Catalogue
namespace {

struct BaseProduct {
  std::string_view code;
  std::string_view name;
  uint32_t price_cents;
};
constexpr std::array<BaseProduct, 12> kBaseProducts = {{
    {"TSHIRT", "Classic-T-shirt", 1999},
    {"JEANS", "Slim-Jeans", 5999},
    {"HOODIE", "Zip-Hoodie", 4499},
    {"SNEAKER", "Canvas-Sneaker", 6499},
    {"JACKET", "Rain-Jacket", 8999},
    {"DRESS", "Summer-Dress", 3999},
    {"POLO", "Pique-Polo", 2999},
    {"SWEATER", "Knit-Sweater", 4999},
    {"SHORTS", "Chino-Shorts", 2799},
    {"SHIRT", "Oxford-Shirt", 3499},
    {"SKIRT", "Pleated-Skirt", 3299},
    {"COAT", "Wool-Coat", 12999},
}};
struct Colour {
  std::string_view code;
  std::string_view name;
};
constexpr std::array<Colour, 5> kColours = {
    {{"BLK", "Black"}, {"WHT", "White"}, {"NVY", "Navy"}, {"RED", "Red"}, {"GRN", "Green"}}};
constexpr std::array<std::string_view, 4> kSizes = {"M", "L", "S", "XL"};

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

struct CatalogStorage {
  std::vector<std::string> skus;
  std::vector<std::string> names;
  std::vector<std::string> images;
  std::vector<std::string> pages;
  std::vector<Product> products;
  std::vector<uint32_t> line_bytes;  // fixed part of a cookie line: everything but the numbers
  CatalogStorage() {
    const size_t count = kBaseProducts.size() * kColours.size() * kSizes.size();
    skus.reserve(count);
    names.reserve(count);
    images.reserve(count);
    pages.reserve(count);
    for (const BaseProduct& base : kBaseProducts) {
      for (const Colour& colour : kColours) {
        for (std::string_view size : kSizes) {
          skus.push_back(std::string(base.code) + "-" + std::string(colour.code) + "-" +
                         std::string(size));
          names.push_back(std::string(base.name) + "-" + std::string(colour.name) + "-" +
                          std::string(size));
        }
      }
    }
    for (size_t i = 0; i < skus.size(); ++i) {
      images.push_back("https://cdn.myclothes.com/p/" + Lower(skus[i]) + "/" + Lower(names[i]) + "-1200x1200.jpg");
      pages.push_back("https://www.myclothes.com/products/" + Lower(names[i]));
    }
    for (size_t i = 0; i < skus.size(); ++i) {
      const BaseProduct& base = kBaseProducts[i / (kColours.size() * kSizes.size())];
      products.push_back({skus[i], names[i], base.price_cents, images[i], pages[i]});
      line_bytes.push_back(static_cast<uint32_t>(skus[i].size() + names[i].size() + images[i].size() + pages[i].size() + 5));
    }
  }
};

const CatalogStorage& Storage() {
  static const CatalogStorage storage;
  return storage;
}

uint32_t DecimalDigits(uint32_t v) {
  uint32_t digits = 1;
  while (v >= 10) {
    v /= 10;
    ++digits;
  }
  return digits;
}

// "SKU*quantity*price*Name*ImageUrl*PageUrl": five separators around the catalogue's strings.
uint32_t LineBytes(const CatalogStorage& catalog, const CartLine& line) {
  return catalog.line_bytes[line.sku] + DecimalDigits(line.quantity) + DecimalDigits(line.unit_price_cents);
}

}  // namespace

std::span<const Product> Catalog() { return Storage().products; }

std::optional<uint16_t> FindSku(std::string_view sku) {
  const auto& products = Storage().products;
  for (size_t i = 0; i < products.size(); ++i) {
    if (products[i].sku == sku) return static_cast<uint16_t>(i);
  }
  return std::nullopt;
}

// [SECTION] Cart
// The digest is a sum of per-line hashes that include the line's position, so an edit to one
// line updates it in O(1) and two carts with the same lines in the same order have one digest.
namespace {

uint64_t LineHash(uint16_t index, const CartLine& line) {
  uint64_t x = (uint64_t{line.sku} << 48) ^ (uint64_t{line.quantity} << 32) ^ line.unit_price_cents;
  x += (uint64_t{index} + 1) * 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

bool SameContents(const Cart& a, const Cart& b) {
  return a.line_count == b.line_count && a.units == b.units && a.total_cents == b.total_cents &&
         a.digest == b.digest;
}

void RefreshCart(Cart& cart) {
  const CatalogStorage& catalog = Storage();
  uint64_t digest = 0;
  uint32_t units = 0, total = 0, payload = 0;
  for (uint16_t i = 0; i < cart.line_count; ++i) {
    const CartLine& line = cart.lines[i];
    digest += LineHash(i, line);
    units += line.quantity;
    total += line.quantity * line.unit_price_cents;
    payload += LineBytes(catalog, line) + (i > 0 ? 1 : 0);
  }
  cart.units = static_cast<uint16_t>(units);
  cart.total_cents = total;
  cart.payload_bytes = payload;
  cart.digest = digest;
}

bool AddToCart(Cart& cart, uint16_t sku) {
  const CatalogStorage& catalog = Storage();
  if (sku >= catalog.products.size()) return false;
  const uint32_t price = catalog.products[sku].price_cents;
  for (uint16_t i = 0; i < cart.line_count; ++i) {
    CartLine& line = cart.lines[i];
    if (line.sku != sku || line.unit_price_cents != price) continue;
    if (line.quantity >= kMaxLineQuantity) return false;
    const CartLine before = line;
    ++line.quantity;
    cart.payload_bytes += LineBytes(catalog, line) - LineBytes(catalog, before);
    cart.digest += LineHash(i, line) - LineHash(i, before);
    ++cart.units;
    cart.total_cents += price;
    return true;
  }
  if (cart.line_count >= kMaxCartLines) return false;
  const CartLine line{sku, 1, price};
  cart.payload_bytes += LineBytes(catalog, line) + (cart.line_count > 0 ? 1 : 0);
  cart.digest += LineHash(cart.line_count, line);
  cart.lines[cart.line_count++] = line;
  ++cart.units;
  cart.total_cents += price;
  return true;
}

void ClearCart(Cart& cart) {
  cart.line_count = 0;
  cart.units = 0;
  cart.total_cents = 0;
  cart.payload_bytes = 0;
  cart.digest = 0;
}

uint32_t CatalogValueCents(const Cart& cart) {
  uint32_t total = 0;
  for (const CartLine& line : cart.items()) total += line.quantity * Catalog()[line.sku].price_cents;
  return total;
}

// [SECTION] Cart cookie
std::string_view Name(CookieError e) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "none", "malformed", "bad_version", "bad_base64", "bad_line", "unknown_sku",
      "too_many_lines", "missing_signature", "bad_signature"};
  return kNames[static_cast<int>(e)];
}

std::string_view Describe(CookieError e) {
  static constexpr std::array<std::string_view, 9> kText = {
      "cookie accepted",
      "cookie rejected: malformed",
      "cookie rejected: unknown version",
      "cookie rejected: bad base64",
      "cookie rejected: bad cart line",
      "cookie rejected: unknown product",
      "cookie rejected: too many lines",
      "cookie rejected: missing signature",
      "cookie rejected: bad signature"};
  return kText[static_cast<int>(e)];
}

namespace {

std::string Payload(const Cart& cart) {
  std::string payload;
  payload.reserve(cart.payload_bytes);
  for (uint16_t i = 0; i < cart.line_count; ++i) {
    const CartLine& line = cart.lines[i];
    const Product& p = Catalog()[line.sku];
    if (i > 0) payload.push_back('|');
    payload.append(p.sku);
    payload.push_back('*');
    payload.append(std::to_string(line.quantity));
    payload.push_back('*');
    payload.append(std::to_string(line.unit_price_cents));
    payload.push_back('*');
    payload.append(p.name);
    payload.push_back('*');
    payload.append(p.image_url);
    payload.push_back('*');
    payload.append(p.page_url);
  }
  return payload;
}

std::string Sign(std::string_view signed_part, const CookieKey& key) {
  const Sha256Digest mac = HmacSha256(key, std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(signed_part.data()), signed_part.size()));
  return Base64UrlEncode(mac);
}

std::vector<std::string_view> Split(std::string_view text, char separator, size_t max_parts) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() < max_parts) {
    const size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  parts.push_back(text.substr(start));  // one extra part signals "too many"
  return parts;
}

std::optional<uint32_t> ParseDecimal(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

bool IsUrlChar(char c) { return IsNameChar(c) || c == '.' || c == '/' || c == ':' || c == '_'; }

bool AllOf(std::string_view text, bool (*ok)(char), size_t max_bytes) {
  if (text.empty() || text.size() > max_bytes) return false;
  for (char c : text) {
    if (!ok(c)) return false;
  }
  return true;
}

CookieError ParseLine(std::string_view text, CartLine& line) {
  const std::vector<std::string_view> fields = Split(text, '*', 6);
  if (fields.size() != 6) return CookieError::BadLine;
  const std::optional<uint16_t> sku = FindSku(fields[0]);
  if (!sku) return CookieError::UnknownSku;
  const std::optional<uint32_t> quantity = ParseDecimal(fields[1], 2);
  const std::optional<uint32_t> price = ParseDecimal(fields[2], 7);
  if (!quantity || *quantity == 0 || *quantity > kMaxLineQuantity || !price) {
    return CookieError::BadLine;
  }
  // Names and links are display text: any safe characters will do, an attacker may edit them.
  if (!AllOf(fields[3], &IsNameChar, 64) || !AllOf(fields[4], &IsUrlChar, 200) || !AllOf(fields[5], &IsUrlChar, 200)) {
    return CookieError::BadLine;
  }
  line = CartLine{*sku, static_cast<uint16_t>(*quantity), *price};
  return CookieError::None;
}

CookieError ParsePayload(std::string_view payload, Cart& cart) {
  cart = Cart{};
  if (payload.empty()) return CookieError::None;
  const std::vector<std::string_view> lines = Split(payload, '|', kMaxCartLines);
  if (lines.size() > static_cast<size_t>(kMaxCartLines)) return CookieError::TooManyLines;
  for (std::string_view text : lines) {
    CartLine line;
    if (const CookieError e = ParseLine(text, line); e != CookieError::None) return e;
    cart.lines[cart.line_count++] = line;
  }
  RefreshCart(cart);
  return CookieError::None;
}

std::optional<std::string> DecodeText(std::string_view b64) {
  const auto bytes = Base64UrlDecode(b64);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

}  // namespace

std::string EncodeCartCookieValue(const Cart& cart, const CookieKey* key) {
  std::string value = "v1." + Base64UrlEncode(Payload(cart));
  if (key != nullptr) value += "." + Sign(value, *key);
  return value;
}

uint32_t CartCookieBytes(const Cart& cart, bool is_signed) {
  const uint32_t signature = is_signed ? 1 + Base64UrlLength(32) : 0;
  return static_cast<uint32_t>(kCartCookieName.size()) + 1 + 3 +
         Base64UrlLength(cart.payload_bytes) + signature;
}

CookieParse ParseCartCookieValue(std::string_view value, const CookieKey* verify_key) {
  CookieParse result;
  if (value.size() > 2 * kCookieLimitBytes) {
    result.error = CookieError::Malformed;
    return result;
  }
  const std::vector<std::string_view> parts = Split(value, '.', 3);
  if (parts.size() < 2 || parts.size() > 3) {
    result.error = CookieError::Malformed;
    return result;
  }
  if (parts[0] != "v1") {
    result.error = CookieError::BadVersion;
    return result;
  }
  // Verify before parsing, so an attacker's payload never reaches the parser when signing is on.
  if (verify_key != nullptr) {
    if (parts.size() != 3) {
      result.error = CookieError::MissingSignature;
      return result;
    }
    const auto mac = Base64UrlDecode(parts[2]);
    const std::string_view signed_part = value.substr(0, parts[0].size() + 1 + parts[1].size());
    const Sha256Digest expected = HmacSha256(*verify_key, std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(signed_part.data()), signed_part.size()));
    if (!mac || !ConstantTimeEqual(*mac, expected)) {
      result.error = CookieError::BadSignature;
      return result;
    }
  }
  const std::optional<std::string> payload = DecodeText(parts[1]);
  if (!payload) {
    result.error = CookieError::BadBase64;
    return result;
  }
  result.error = ParsePayload(*payload, result.cart);
  if (result.error != CookieError::None) result.cart = Cart{};
  return result;
}

std::string TamperCartCookieValue(std::string_view value, TamperKind kind) {
  const std::vector<std::string_view> parts = Split(value, '.', 3);
  if (parts.size() < 2 || parts.size() > 3 || parts[0] != "v1") return std::string(value);
  const std::optional<std::string> payload = DecodeText(parts[1]);
  if (!payload) return std::string(value);
  Cart cart;
  if (ParsePayload(*payload, cart) != CookieError::None) return std::string(value);
  if (kind == TamperKind::LowerPrices) {
    for (uint16_t i = 0; i < cart.line_count; ++i) cart.lines[i].unit_price_cents = 1;
  } else if (cart.line_count < kMaxCartLines) {
    const uint16_t coat = static_cast<uint16_t>(Catalog().size() - 1);
    cart.lines[cart.line_count++] = CartLine{coat, 1, 0};
  }
  RefreshCart(cart);
  std::string out = "v1." + Base64UrlEncode(Payload(cart));
  if (parts.size() == 3) out += "." + std::string(parts[2]);  // the old signature, unchanged
  return out;
}

}  // namespace sim

// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), written here because the cart cookie lesson
// signs and verifies real cookies and the engine takes no crypto dependency. Also the encodings a
// cookie needs: hex for display and unpadded base64url for the cookie value.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data);
  Sha256Digest Finish();

 private:
  void Block(const uint8_t* block);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  uint64_t length_bytes_ = 0;
  uint32_t buffered_ = 0;
};

Sha256Digest Sha256Of(std::span<const uint8_t> data);
Sha256Digest Sha256Of(std::string_view data);
Sha256Digest HmacSha256(std::span<const uint8_t> key, std::span<const uint8_t> message);
Sha256Digest HmacSha256(std::string_view key, std::string_view message);

// Compares without an early exit, as a server must when checking a MAC.
bool ConstantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b);

// The value of one hex digit (either case), or -1.
int HexValue(char c);
std::string ToHex(std::span<const uint8_t> bytes);
std::optional<std::vector<uint8_t>> FromHex(std::string_view hex);
std::string Base64UrlEncode(std::span<const uint8_t> bytes);  // no padding
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::vector<uint8_t>> Base64UrlDecode(std::string_view text);
constexpr uint32_t Base64UrlLength(uint32_t bytes) { return (bytes * 4 + 2) / 3; }

}  // namespace sim

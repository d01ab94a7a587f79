// SHA-256 against FIPS 180-4 (and its NIST example vectors) and HMAC-SHA256 against RFC 4231,
// plus the base64url encoding the cart cookie uses.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "statelab/crypto.h"

namespace {

std::string HexOf(const sim::Sha256Digest& d) { return sim::ToHex(d); }

std::vector<uint8_t> Repeat(uint8_t byte, size_t n) { return std::vector<uint8_t>(n, byte); }

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-4 example vectors") {
  CHECK(HexOf(sim::Sha256Of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(HexOf(sim::Sha256Of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(HexOf(sim::Sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(HexOf(sim::Sha256Of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")) ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("SHA-256 of one million 'a', fed in uneven pieces, matches FIPS 180-4") {
  sim::Sha256 sha;
  const std::string chunk(997, 'a');  // not a multiple of the 64-byte block
  size_t fed = 0;
  while (fed + chunk.size() <= 1'000'000) {
    sha.Update(chunk);
    fed += chunk.size();
  }
  sha.Update(std::string(1'000'000 - fed, 'a'));
  CHECK(HexOf(sha.Finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 padding boundaries: 55, 56 and 64 bytes") {
  CHECK(HexOf(sim::Sha256Of(std::string(55, 'a'))) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(HexOf(sim::Sha256Of(std::string(56, 'a'))) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(HexOf(sim::Sha256Of(std::string(64, 'a'))) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test cases 1-4, 6 and 7") {
  CHECK(HexOf(sim::HmacSha256(Repeat(0x0b, 20), Bytes("Hi There"))) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(HexOf(sim::HmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(HexOf(sim::HmacSha256(Repeat(0xaa, 20), Repeat(0xdd, 50))) ==
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  std::vector<uint8_t> key4;
  for (uint8_t b = 1; b <= 25; ++b) key4.push_back(b);
  CHECK(HexOf(sim::HmacSha256(key4, Repeat(0xcd, 50))) ==
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  CHECK(HexOf(sim::HmacSha256(Repeat(0xaa, 131), Bytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(HexOf(sim::HmacSha256(
            Repeat(0xaa, 131),
            Bytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs "
                  "to be hashed before being used by the HMAC algorithm."))) ==
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("RFC 4231 test case 5: the first 128 bits of the MAC") {
  const std::string mac = HexOf(sim::HmacSha256(Repeat(0x0c, 20), Bytes("Test With Truncation")));
  CHECK(mac.substr(0, 32) == "a3b6167473100ee06e0c796c2955552b");
}

TEST_CASE("base64url round-trips every length from 0 to 64 and rejects non-canonical text") {
  for (size_t n = 0; n <= 64; ++n) {
    std::vector<uint8_t> data;
    for (size_t i = 0; i < n; ++i) data.push_back(static_cast<uint8_t>(i * 37 + 11));
    const std::string text = sim::Base64UrlEncode(data);
    CHECK(text.size() == sim::Base64UrlLength(static_cast<uint32_t>(n)));
    const auto back = sim::Base64UrlDecode(text);
    REQUIRE(back.has_value());
    CHECK(*back == data);
  }
  CHECK(sim::Base64UrlEncode(std::string_view("\xfb\xff")) == "-_8");
  CHECK_FALSE(sim::Base64UrlDecode("ab+c").has_value());   // '+' is not base64url
  CHECK_FALSE(sim::Base64UrlDecode("a").has_value());      // impossible length
  CHECK_FALSE(sim::Base64UrlDecode("-_9").has_value());    // leftover bits not zero
}

TEST_CASE("a MAC comparison fails on any single flipped bit") {
  const sim::Sha256Digest a = sim::HmacSha256("key", "message");
  for (size_t byte = 0; byte < a.size(); byte += 7) {
    sim::Sha256Digest b = a;
    b[byte] ^= 0x10;
    CHECK_FALSE(sim::ConstantTimeEqual(a, b));
  }
  CHECK(sim::ConstantTimeEqual(a, a));
}

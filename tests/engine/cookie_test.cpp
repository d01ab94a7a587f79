// The cart cookie codec: sizes, signing, verification and what an attacker's edit does.
#include <doctest/doctest.h>

#include <string>

#include "statelab/cart.h"
#include "statelab/crypto.h"
#include "statelab/sim.h"
#include "statelab/random.h"

namespace {

sim::CookieKey TestKey() {
  sim::CookieKey key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 3);
  return key;
}

sim::Cart CartOf(std::initializer_list<uint16_t> skus) {
  sim::Cart cart;
  for (uint16_t sku : skus) REQUIRE(sim::AddToCart(cart, sku));
  return cart;
}

}  // namespace

TEST_CASE("the catalogue has 240 products and Alice's T-shirt is SKU 0 at $19.99") {
  CHECK(sim::Catalog().size() == 240);
  CHECK(sim::Catalog()[sim::kTshirtSku].sku == "TSHIRT-BLK-M");
  CHECK(sim::Catalog()[sim::kTshirtSku].price_cents == 1999);
  CHECK(sim::FindSku("COAT-GRN-XL") == uint16_t{239});
  CHECK_FALSE(sim::FindSku("NOPE").has_value());
}

TEST_CASE("adding the same product twice makes one line of quantity 2") {
  const sim::Cart cart = CartOf({0, 0, 5});
  CHECK(cart.line_count == 2);
  CHECK(cart.units == 3);
  CHECK(cart.total_cents == 1999 * 2 + sim::Catalog()[5].price_cents);
}

TEST_CASE("a signed cookie round-trips, and its size is exactly what the model charges") {
  const sim::CookieKey key = TestKey();
  sim::Rng rng(99);
  for (int trial = 0; trial < 50; ++trial) {
    sim::Cart cart;
    const uint32_t adds = rng.Below(40);
    for (uint32_t i = 0; i < adds; ++i) sim::AddToCart(cart, static_cast<uint16_t>(rng.Below(240)));
    for (bool is_signed : {true, false}) {
      const std::string value = sim::EncodeCartCookieValue(cart, is_signed ? &key : nullptr);
      CHECK(sim::CartCookieBytes(cart, is_signed) == 5 + value.size());
      const sim::CookieParse back = sim::ParseCartCookieValue(value, is_signed ? &key : nullptr);
      CHECK(back.error == sim::CookieError::None);
      CHECK(sim::SameContents(back.cart, cart));
    }
  }
}

TEST_CASE("an edited unsigned cookie changes the cart; the same edit of a signed one fails verification") {
  const sim::CookieKey key = TestKey();
  const sim::Cart cart = CartOf({0, 80});  // a T-shirt and a rain jacket: $109.98
  REQUIRE(cart.total_cents == 1999 + 8999);

  const std::string unsigned_value = sim::EncodeCartCookieValue(cart, nullptr);
  const std::string edited = sim::TamperCartCookieValue(unsigned_value, sim::TamperKind::LowerPrices);
  const sim::CookieParse trusted = sim::ParseCartCookieValue(edited, nullptr);
  REQUIRE(trusted.error == sim::CookieError::None);
  CHECK(trusted.cart.total_cents == 2);  // one cent each
  CHECK(sim::CatalogValueCents(trusted.cart) == 10998);

  const std::string signed_value = sim::EncodeCartCookieValue(cart, &key);
  const std::string signed_edit = sim::TamperCartCookieValue(signed_value, sim::TamperKind::LowerPrices);
  CHECK(sim::ParseCartCookieValue(signed_edit, &key).error == sim::CookieError::BadSignature);
  CHECK(sim::ParseCartCookieValue(signed_value, &key).error == sim::CookieError::None);
  CHECK(sim::Describe(sim::CookieError::BadSignature) == "cookie rejected: bad signature");

  const std::string free_item = sim::TamperCartCookieValue(signed_value, sim::TamperKind::AddFreeItem);
  CHECK(sim::ParseCartCookieValue(free_item, nullptr).cart.line_count == 3);
  CHECK(sim::ParseCartCookieValue(free_item, &key).error == sim::CookieError::BadSignature);
}

TEST_CASE("a cookie signed with another key, or unsigned, is refused when signing is on") {
  const sim::CookieKey key = TestKey();
  sim::CookieKey other = key;
  other[0] ^= 1;
  const sim::Cart cart = CartOf({1, 2, 3});
  CHECK(sim::ParseCartCookieValue(sim::EncodeCartCookieValue(cart, &other), &key).error == sim::CookieError::BadSignature);
  CHECK(sim::ParseCartCookieValue(sim::EncodeCartCookieValue(cart, nullptr), &key).error == sim::CookieError::MissingSignature);
}

TEST_CASE("malformed cookies are rejected with the reason") {
  CHECK(sim::ParseCartCookieValue("", nullptr).error == sim::CookieError::Malformed);
  CHECK(sim::ParseCartCookieValue("v2.AAAA", nullptr).error == sim::CookieError::BadVersion);
  CHECK(sim::ParseCartCookieValue("v1.***", nullptr).error == sim::CookieError::BadBase64);
  auto payload = [](std::string_view line) { return "v1." + sim::Base64UrlEncode(line); };
  CHECK(sim::ParseCartCookieValue(payload("TSHIRT-BLK-M*1*100*T*https://x/y*https://x/z"), nullptr).error ==
        sim::CookieError::None);
  CHECK(sim::ParseCartCookieValue(payload("NOPE*1*100*T*https://x/y*https://x/z"), nullptr).error ==
        sim::CookieError::UnknownSku);
  CHECK(sim::ParseCartCookieValue(payload("TSHIRT-BLK-M*0*100*T*https://x/y*https://x/z"), nullptr).error ==
        sim::CookieError::BadLine);
  CHECK(sim::ParseCartCookieValue(payload("TSHIRT-BLK-M*1*100*T*https://x/y"), nullptr).error == sim::CookieError::BadLine);
  CHECK(sim::ParseCartCookieValue(payload("TSHIRT-BLK-M*1*100*T*<script>*https://x/z"), nullptr).error ==
        sim::CookieError::BadLine);
  CHECK(sim::ParseCartCookieValue("v1.a.b.c", nullptr).error == sim::CookieError::Malformed);
}

TEST_CASE("a cookie line carries name, image and link: the T-shirt's line is 181 bytes") {
  const sim::Product& tshirt = sim::Catalog()[sim::kTshirtSku];
  CHECK(tshirt.image_url == "https://cdn.myclothes.com/p/tshirt-blk-m/classic-t-shirt-black-m-1200x1200.jpg");
  CHECK(tshirt.page_url == "https://www.myclothes.com/products/classic-t-shirt-black-m");
  const sim::Cart cart = CartOf({0});
  CHECK(cart.payload_bytes == 181);
  CHECK(sim::CartCookieBytes(cart, true) == 8 + 242 + 44);  // "cart=v1." + base64url(181) + "." + MAC
}

TEST_CASE("the empty cart cookie is 8 bytes unsigned and 52 signed") {
  const sim::Cart empty;
  CHECK(sim::CartCookieBytes(empty, false) == 8);   // cart=v1.
  CHECK(sim::CartCookieBytes(empty, true) == 52);   // plus "." and 43 characters of MAC
}

TEST_CASE("the signing key comes from a secret that is not in the link, mixed with the seed") {
  // A link shows the seed; the key is HMAC-SHA256(secret, seed), so the seed alone gives nothing.
  sim::Config a;
  a.seed = 42;
  sim::Config other_secret = a;
  other_secret.cookie_secret = a.cookie_secret ^ 1;
  sim::Config other_seed = a;
  other_seed.seed = 43;
  const sim::CookieKey key = sim::Sim(a).cookie_key();
  CHECK(key != sim::Sim(other_secret).cookie_key());
  CHECK(key != sim::Sim(other_seed).cookie_key());
  CHECK(key == sim::Sim(a).cookie_key());  // deterministic: a replay signs the same bytes
  // Exactly the derivation documented in config.h, pinned so every build signs alike.
  std::array<uint8_t, 8> secret{}, seed{};
  for (size_t b = 0; b < 8; ++b) {
    secret[b] = static_cast<uint8_t>(sim::kDefaultCookieSecret >> (8 * b));
    seed[b] = static_cast<uint8_t>(uint64_t{42} >> (8 * b));
  }
  CHECK(key == sim::HmacSha256(secret, seed));
  CHECK(sim::ToHex(std::span<const uint8_t>(key.data(), 8)) == "b65ea9f9eeee5f27");
  // A cookie signed in one run does not verify under a run with another secret.
  const sim::Cart cart = CartOf({0, 5});
  const std::string value = sim::EncodeCartCookieValue(cart, &key);
  const sim::CookieKey other = sim::Sim(other_secret).cookie_key();
  CHECK(sim::ParseCartCookieValue(value, &other).error == sim::CookieError::BadSignature);
}

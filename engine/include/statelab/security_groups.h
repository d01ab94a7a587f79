// Security groups: the four groups of the MyClothes.com stack, their inbound rules, and the pure
// function that decides whether one endpoint may open a connection to a group on a port. Every
// hop of every request goes through this decision (cached until the rules change), and a denial
// says which group denied it and why.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

enum class SgId : uint8_t { Elb, Web, Cache, Db };
inline constexpr int kSgCount = 4;
std::string_view Name(SgId id);  // "sg-elb", "sg-web", "sg-cache", "sg-db"
std::optional<SgId> ParseSgId(std::string_view text);

struct Cidr {
  uint32_t address = 0;  // host order
  uint8_t prefix = 0;    // 0..32
  friend constexpr bool operator==(Cidr, Cidr) = default;
};
std::optional<Cidr> ParseCidr(std::string_view text);  // "0.0.0.0/0", "10.0.1.0/24"
std::string FormatCidr(Cidr cidr);
std::string FormatIp(uint32_t ip);
bool Contains(Cidr cidr, uint32_t ip);

// A rule's source is another security group (any endpoint carrying it) or an address range.
struct SgSource {
  enum class Kind : uint8_t { Group, Cidr };
  Kind kind = Kind::Cidr;
  SgId group = SgId::Elb;
  Cidr cidr;
  friend bool operator==(const SgSource&, const SgSource&) = default;
};

struct SgRule {  // inbound, TCP
  uint16_t from_port = 0;
  uint16_t to_port = 0;
  SgSource source;
  friend bool operator==(const SgRule&, const SgRule&) = default;
};
std::string DescribeRule(const SgRule& rule);  // "tcp 3306 from sg-web"

struct SecurityGroups {
  std::array<std::vector<SgRule>, kSgCount> rules;
  friend bool operator==(const SecurityGroups&, const SecurityGroups&) = default;
};
// sg-elb: 80 and 443 from 0.0.0.0/0. sg-web: 80 from sg-elb. sg-cache: 6379 from sg-web.
// sg-db: db_port from sg-web.
SecurityGroups DefaultSecurityGroups(uint16_t db_port);

// Who opens a connection: an address, and the group it carries if it is inside the VPC.
struct Endpoint {
  uint32_t ip = 0;
  bool has_group = false;
  SgId group = SgId::Elb;
};

struct SgVerdict {
  bool allowed = false;
  SgId group = SgId::Elb;  // the destination group that decided
  int16_t rule_index = -1;  // the rule that allowed it; -1 when denied (no rule matched)
  uint16_t port = 0;
  Endpoint source;
};
SgVerdict CheckConnection(const SecurityGroups& sgs, Endpoint source, SgId dest, uint16_t port);
// "allowed by sg-db: tcp 3306 from sg-web" or "denied by sg-db: no rule allows sg-elb on 3306".
std::string Describe(const SgVerdict& verdict);
// The same, followed by what the deciding group does allow, e.g.
// "denied by sg-db: no rule allows 203.0.113.66 on 3306 (sg-db allows: tcp 3306 from sg-web)".
std::string Describe(const SgVerdict& verdict, const SecurityGroups& sgs);

// [SECTION] Addresses of the lab's network
// VPC 10.0.0.0/16 with one subnet per AZ (10.0.1.0/24 for a ...). Shoppers come from
// 198.51.100.0/24 and the attacker from 203.0.113.66 (documentation ranges).
inline constexpr uint32_t kShopperIp = (198u << 24) | (51u << 16) | (100u << 8) | 7u;
inline constexpr uint32_t kAttackerIp = (203u << 24) | (0u << 16) | (113u << 8) | 66u;
uint32_t SubnetIp(int az_index, uint32_t host);  // 10.0.<az+1>.<host>
inline constexpr uint16_t kHttpPort = 80;
inline constexpr uint16_t kHttpsPort = 443;
inline constexpr uint16_t kRedisPort = 6379;

}  // namespace sim

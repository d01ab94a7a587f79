// Security group rule evaluation and the lab's default groups.
#include "statelab/security_groups.h"

#include <array>
#include <charconv>

#include "names.h"

namespace sim {

std::string_view Name(SgId id) {
  static constexpr std::array<std::string_view, kSgCount> kNames = {"sg-elb", "sg-web", "sg-cache",
                                                                    "sg-db"};
  return kNames[static_cast<int>(id)];
}

std::optional<SgId> ParseSgId(std::string_view text) { return ParseByName<SgId, kSgCount>(text); }

std::optional<Cidr> ParseCidr(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view address = text.substr(0, slash);
  std::string_view prefix_text = text.substr(slash + 1);
  uint32_t ip = 0;
  for (int octet = 0; octet < 4; ++octet) {
    const size_t dot = address.find('.');
    const std::string_view part = octet < 3 ? address.substr(0, dot) : address;
    if ((octet < 3 && dot == std::string_view::npos) || part.empty() || part.size() > 3) {
      return std::nullopt;
    }
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || value > 255) return std::nullopt;
    ip = (ip << 8) | value;
    if (octet < 3) address = address.substr(dot + 1);
  }
  uint32_t prefix = 0;
  auto [end, ec] =
      std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
  if (prefix_text.empty() || ec != std::errc() || end != prefix_text.data() + prefix_text.size() ||
      prefix > 32) {
    return std::nullopt;
  }
  return Cidr{ip, static_cast<uint8_t>(prefix)};
}

std::string FormatIp(uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." +
         std::to_string((ip >> 8) & 255) + "." + std::to_string(ip & 255);
}

std::string FormatCidr(Cidr cidr) { return FormatIp(cidr.address) + "/" + std::to_string(cidr.prefix); }

bool Contains(Cidr cidr, uint32_t ip) {
  if (cidr.prefix == 0) return true;
  const uint32_t mask = cidr.prefix >= 32 ? 0xFFFF'FFFFu : ~(0xFFFF'FFFFu >> cidr.prefix);
  return (ip & mask) == (cidr.address & mask);
}

std::string DescribeRule(const SgRule& rule) {
  std::string ports = std::to_string(rule.from_port);
  if (rule.to_port != rule.from_port) ports += "-" + std::to_string(rule.to_port);
  const std::string source = rule.source.kind == SgSource::Kind::Group
                                 ? std::string(Name(rule.source.group))
                                 : FormatCidr(rule.source.cidr);
  return "tcp " + ports + " from " + source;
}

SecurityGroups DefaultSecurityGroups(uint16_t db_port) {
  const SgSource anywhere{SgSource::Kind::Cidr, SgId::Elb, Cidr{0, 0}};
  const SgSource from_elb{SgSource::Kind::Group, SgId::Elb, Cidr{}};
  const SgSource from_web{SgSource::Kind::Group, SgId::Web, Cidr{}};
  SecurityGroups sgs;
  sgs.rules[static_cast<int>(SgId::Elb)] = {{kHttpPort, kHttpPort, anywhere},
                                            {kHttpsPort, kHttpsPort, anywhere}};
  sgs.rules[static_cast<int>(SgId::Web)] = {{kHttpPort, kHttpPort, from_elb}};
  sgs.rules[static_cast<int>(SgId::Cache)] = {{kRedisPort, kRedisPort, from_web}};
  sgs.rules[static_cast<int>(SgId::Db)] = {{db_port, db_port, from_web}};
  return sgs;
}

SgVerdict CheckConnection(const SecurityGroups& sgs, Endpoint source, SgId dest, uint16_t port) {
  SgVerdict verdict;
  verdict.group = dest;
  verdict.port = port;
  verdict.source = source;
  const auto& rules = sgs.rules[static_cast<int>(dest)];
  for (size_t i = 0; i < rules.size(); ++i) {
    const SgRule& rule = rules[i];
    if (port < rule.from_port || port > rule.to_port) continue;
    const bool matches = rule.source.kind == SgSource::Kind::Group
                             ? source.has_group && source.group == rule.source.group
                             : Contains(rule.source.cidr, source.ip);
    if (matches) {
      verdict.allowed = true;
      verdict.rule_index = static_cast<int16_t>(i);
      return verdict;
    }
  }
  return verdict;
}

std::string Describe(const SgVerdict& verdict) {
  const std::string source = verdict.source.has_group ? std::string(Name(verdict.source.group))
                                                      : FormatIp(verdict.source.ip);
  if (verdict.allowed) {
    return "allowed by " + std::string(Name(verdict.group)) + ": rule " +
           std::to_string(verdict.rule_index) + " lets " + source + " in on " +
           std::to_string(verdict.port);
  }
  return "denied by " + std::string(Name(verdict.group)) + ": no rule allows " + source + " on " +
         std::to_string(verdict.port);
}

std::string Describe(const SgVerdict& verdict, const SecurityGroups& sgs) {
  const auto& rules = sgs.rules[static_cast<int>(verdict.group)];
  if (verdict.allowed && verdict.rule_index >= 0 &&
      static_cast<size_t>(verdict.rule_index) < rules.size()) {
    return Describe(verdict) + " (" + DescribeRule(rules[static_cast<size_t>(verdict.rule_index)]) + ")";
  }
  std::string allows;
  for (const SgRule& rule : rules) allows += (allows.empty() ? "" : ", ") + DescribeRule(rule);
  if (allows.empty()) allows = "nothing";
  return Describe(verdict) + " (" + std::string(Name(verdict.group)) + " allows: " + allows + ")";
}

uint32_t SubnetIp(int az_index, uint32_t host) {
  return (10u << 24) | (static_cast<uint32_t>(az_index + 1) << 8) | (host & 255u);
}

}  // namespace sim

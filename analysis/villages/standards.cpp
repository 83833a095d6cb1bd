#include "analysis/villages/standards.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "import/number_text.hpp"

namespace rz::analysis {

TenGoodResult ten_good(const VillageValues& v, const TenGoodSettings& s) {
  TenGoodResult out;
  int passed = 0, known = 0;
  for (size_t i = 0; i < kTenGood.size(); ++i) {
    const auto& value = v.ten_good[i];
    if (!value) {
      out.missing.emplace_back(kTenGood[i].field);
      continue;
    }
    ++known;
    if (*value >= s.min[i])
      ++passed;
    else
      out.failed.emplace_back(kTenGood[i].name);
  }
  if (known == 0) return out;
  out.passed = passed;
  out.score = passed / static_cast<double>(kTenGood.size());
  if (!out.failed.empty())
    out.pass = false;
  else if (out.missing.empty())
    out.pass = true;
  return out;
}

std::string Condition::rule() const {
  const char* text = "==";
  switch (op) {
    case Comparison::eq:
      break;
    case Comparison::ne:
      text = "!=";
      break;
    case Comparison::lt:
      text = "<";
      break;
    case Comparison::le:
      text = "<=";
      break;
    case Comparison::gt:
      text = ">";
      break;
    case Comparison::ge:
      text = ">=";
      break;
  }
  return fmt::format("{} {:g}", text, value);
}

bool Condition::holds(double x) const {
  switch (op) {
    case Comparison::eq:
      return x == value;
    case Comparison::ne:
      return x != value;
    case Comparison::lt:
      return x < value;
    case Comparison::le:
      return x <= value;
    case Comparison::gt:
      return x > value;
    case Comparison::ge:
      return x >= value;
  }
  return false;
}

Condition parse_condition(std::string name, std::string field, const std::string& rule,
                          const std::string& where) {
  Condition c;
  c.name = std::move(name);
  c.field = std::move(field);
  std::string_view text(rule);
  auto trim = [](std::string_view t) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    return t;
  };
  text = trim(text);
  struct Op {
    std::string_view symbol;
    Comparison op;
  };
  // Two-character symbols first, so that "<=" is not read as "<" and "=0".
  static constexpr Op ops[] = {{"==", Comparison::eq}, {"!=", Comparison::ne},
                               {"<=", Comparison::le}, {">=", Comparison::ge},
                               {"<", Comparison::lt},  {">", Comparison::gt},
                               {"=", Comparison::eq}};
  bool found = false;
  for (const auto& o : ops)
    if (text.starts_with(o.symbol)) {
      c.op = o.op;
      text.remove_prefix(o.symbol.size());
      found = true;
      break;
    }
  const auto number = found ? import::parse_number(trim(text)) : std::nullopt;
  if (!number)
    throw UsageError(fmt::format(
        fmt::runtime(
            tr("{}: rule {} of {} is not a comparison with a number (==, !=, <, <=, >, >= and a "
               "number, e.g. \"== 0\")")),
        where, in_quotes(rule), in_quotes(c.name)));
  c.value = *number;
  return c;
}

std::vector<Condition> six_none_defaults() {
  const char* where = "the default 六无 conditions";
  return {parse_condition("无软弱涣散党组织", "weak_organization", "== 0", where),
          parse_condition("无越级上访", "petitions", "== 0", where),
          parse_condition("无重大安全事故", "safety_incidents", "== 0", where),
          parse_condition("无违法建设", "illegal_buildings", "== 0", where),
          parse_condition("无刑事案件", "criminal_cases", "== 0", where),
          parse_condition("无空壳村", "collective_income", "> 0", where)};
}

SixNoneResult six_none(const VillageValues& v, const std::vector<Condition>& conditions) {
  SixNoneResult out;
  for (size_t i = 0; i < conditions.size(); ++i) {
    const std::optional<double> value = i < v.six_none.size() ? v.six_none[i] : std::nullopt;
    if (!value)
      out.missing.push_back(conditions[i].field);
    else if (!conditions[i].holds(*value))
      out.failed.push_back(conditions[i].name);
  }
  if (!out.failed.empty())
    out.pass = false;
  else if (out.missing.empty())
    out.pass = true;
  return out;
}

CollectiveResult collective_economy(const VillageValues& v, double target) {
  if (!v.collective_income) return {};
  return {*v.collective_income >= target, *v.collective_income == 0};
}

}  // namespace rz::analysis

#include "analysis/common/setting.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

std::string number_text(double v) {
  return fmt::format("{:g}", v);
}

std::string type_text(const Setting& s) {
  switch (s.type) {
    case SettingType::integer:
      return tr("a whole number");
    case SettingType::number:
      return tr("a number");
    case SettingType::boolean:
      return tr("true or false");
    case SettingType::text:
      return tr("a string");
    case SettingType::choice:
      return fmt::format(fmt::runtime(tr("one of {}")), fmt::join(s.choices, ", "));
    case SettingType::numbers:
      return tr("a list of numbers");
    case SettingType::records:
      return tr("a list of tables");
  }
  return tr("a value");
}

std::optional<double> parse_double(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<int64_t> parse_int(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

void check_range(const Setting& s, double v, const std::string& where) {
  const bool below = s.min && (s.min_exclusive ? v <= *s.min : v < *s.min);
  const bool above = s.max && v > *s.max;
  if (below || above)
    throw UsageError(fmt::format(fmt::runtime(tr("{}: {} must be {}, not {}")), where,
                                 in_quotes(s.key), s.range_text(), number_text(v)));
}

}  // namespace

std::string Setting::option_name() const {
  if (option == "-") return "";
  if (!option.empty()) return option;
  std::string name = key;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string Setting::flag_name() const {
  const std::string name = option_name();
  if (name.empty()) return name;
  const bool on = std::holds_alternative<bool>(default_value) && std::get<bool>(default_value);
  return on ? "no-" + name : name;
}

std::string Setting::default_text() const {
  const std::string with_unit = unit.empty() ? "" : " " + unit;
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "";
        else if constexpr (std::is_same_v<T, int64_t>)
          return std::to_string(v) + with_unit;
        else if constexpr (std::is_same_v<T, double>)
          return number_text(v) + with_unit;
        else if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>)
          return v;
        else if constexpr (std::is_same_v<T, std::vector<double>>)
          return fmt::format("{}{}", fmt::join(v, ", "), with_unit);
        else {
          std::vector<std::string> parts;
          for (const auto& record : v) {
            std::vector<std::string> values;
            for (const auto& f : fields) {
              auto it = record.fields.find(f.key);
              if (it == record.fields.end()) continue;
              Setting one = f;
              one.default_value = it->second;
              one.unit.clear();
              values.push_back(one.default_text());
            }
            parts.push_back(fmt::format("{}", fmt::join(values, "=")));
          }
          return fmt::format("{}", fmt::join(parts, ", "));
        }
      },
      default_value);
}

std::string Setting::range_text() const {
  if (type == SettingType::choice) {
    if (choices.size() < 2) return fmt::format("{}", fmt::join(choices, ""));
    return fmt::format(fmt::runtime(tr("{} or {}")),
                       fmt::join(choices.begin(), choices.end() - 1, ", "), choices.back());
  }
  if (min && max)
    return fmt::format(fmt::runtime(tr("{} to {}")), number_text(*min), number_text(*max));
  if (min) return fmt::format("{} {}", min_exclusive ? ">" : ">=", number_text(*min));
  if (max) return fmt::format("<= {}", number_text(*max));
  return "";
}

Setting integer_setting(std::string key, int64_t fallback, std::string unit, std::string help,
                        std::optional<double> min) {
  Setting s;
  s.key = std::move(key);
  s.type = SettingType::integer;
  s.default_value = fallback;
  s.unit = std::move(unit);
  s.help = std::move(help);
  s.min = min;
  s.value_name = "N";
  return s;
}

Setting number_setting(std::string key, double fallback, std::string unit, std::string help,
                       std::optional<double> min, bool min_exclusive) {
  Setting s;
  s.key = std::move(key);
  s.type = SettingType::number;
  s.default_value = fallback;
  s.unit = std::move(unit);
  s.help = std::move(help);
  s.min = min;
  s.min_exclusive = min_exclusive;
  s.value_name = "X";
  return s;
}

Setting boolean_setting(std::string key, bool fallback, std::string help) {
  Setting s;
  s.key = std::move(key);
  s.type = SettingType::boolean;
  s.default_value = fallback;
  s.help = std::move(help);
  return s;
}

Setting text_setting(std::string key, std::string fallback, std::string help) {
  Setting s;
  s.key = std::move(key);
  s.type = SettingType::text;
  if (!fallback.empty()) s.default_value = std::move(fallback);
  s.help = std::move(help);
  s.value_name = "TEXT";
  return s;
}

Setting choice_setting(std::string key, std::string fallback, std::vector<std::string> choices,
                       std::string help) {
  Setting s;
  s.key = std::move(key);
  s.type = SettingType::choice;
  s.default_value = std::move(fallback);
  s.choices = std::move(choices);
  s.help = std::move(help);
  s.value_name = fmt::format("{}", fmt::join(s.choices, "|"));
  return s;
}

std::string township_record_where(const SettingValues& values, const Record& record) {
  const std::string where = fmt::format("{} townships.{}", values.source("townships"), record.name);
  if (record.name.size() != 9 || record.name.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(fmt::format(
        fmt::runtime(tr("{}: must be a table keyed by a 9-digit township code")), where));
  return where;
}

Setting township_records_setting(std::string help, std::vector<Setting> fields) {
  Setting s;
  s.key = "townships";
  s.type = SettingType::records;
  s.keyed = true;
  s.key_help = "a 9-digit township code";
  s.option = "-";
  s.help = std::move(help);
  s.fields = std::move(fields);
  for (auto& f : s.fields) f.default_value = {};
  return s;
}

SettingValues::SettingValues(const std::vector<Setting>& declared) {
  for (const auto& s : declared)
    if (!std::holds_alternative<std::monostate>(s.default_value))
      values_[s.key] = {s.default_value, "default"};
}

void SettingValues::set(const std::string& key, SettingValue value, std::string source) {
  values_[key] = {std::move(value), std::move(source)};
  given_[key] = true;
}

bool SettingValues::given(const std::string& key) const {
  return given_.count(key) > 0;
}

bool SettingValues::has(const std::string& key) const {
  return values_.count(key) > 0;
}

const std::string& SettingValues::source(const std::string& key) const {
  return at(key).source;
}

const GivenSetting& SettingValues::at(const std::string& key) const {
  auto it = values_.find(key);
  // Only an analysis asking for a key it never declared, or for one without a default that it
  // did not check with has(): a programming error, reported as internal.
  if (it == values_.end()) throw std::logic_error(fmt::format("setting «{}» has no value", key));
  return it->second;
}

int64_t SettingValues::integer(const std::string& key) const {
  return std::get<int64_t>(at(key).value);
}

double SettingValues::number(const std::string& key) const {
  const auto& v = at(key).value;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

bool SettingValues::boolean(const std::string& key) const {
  return std::get<bool>(at(key).value);
}

const std::string& SettingValues::text(const std::string& key) const {
  return std::get<std::string>(at(key).value);
}

const std::vector<double>& SettingValues::numbers(const std::string& key) const {
  return std::get<std::vector<double>>(at(key).value);
}

const std::vector<Record>& SettingValues::records(const std::string& key) const {
  return std::get<std::vector<Record>>(at(key).value);
}

void check_setting(const Setting& s, const SettingValue& value, const std::string& where) {
  auto wrong_type = [&] {
    throw UsageError(
        fmt::format(fmt::runtime(tr("{}: {} must be {}")), where, in_quotes(s.key), type_text(s)));
  };
  switch (s.type) {
    case SettingType::integer:
      if (!std::holds_alternative<int64_t>(value)) wrong_type();
      check_range(s, static_cast<double>(std::get<int64_t>(value)), where);
      break;
    case SettingType::number:
      if (std::holds_alternative<int64_t>(value))
        check_range(s, static_cast<double>(std::get<int64_t>(value)), where);
      else if (std::holds_alternative<double>(value))
        check_range(s, std::get<double>(value), where);
      else
        wrong_type();
      break;
    case SettingType::boolean:
      if (!std::holds_alternative<bool>(value)) wrong_type();
      break;
    case SettingType::text:
      if (!std::holds_alternative<std::string>(value)) wrong_type();
      break;
    case SettingType::choice: {
      if (!std::holds_alternative<std::string>(value)) wrong_type();
      const auto& v = std::get<std::string>(value);
      if (std::find(s.choices.begin(), s.choices.end(), v) == s.choices.end())
        throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown {} {} (known: {})")), where,
                                     s.key, in_quotes(v), fmt::join(s.choices, ", ")));
      break;
    }
    case SettingType::numbers:
      if (!std::holds_alternative<std::vector<double>>(value)) wrong_type();
      for (double v : std::get<std::vector<double>>(value)) check_range(s, v, where);
      break;
    case SettingType::records:
      if (!std::holds_alternative<std::vector<Record>>(value)) wrong_type();
      for (const auto& record : std::get<std::vector<Record>>(value))
        for (const auto& f : s.fields) {
          auto it = record.fields.find(f.key);
          if (it != record.fields.end()) check_setting(f, it->second, where);
        }
      break;
  }
}

SettingValue parse_setting_text(const Setting& s, const std::string& text,
                                const std::string& where) {
  auto bad = [&]() -> SettingValue {
    throw UsageError(fmt::format(fmt::runtime(tr("{} {}: expected {}")), where, in_quotes(text),
                                 s.value_name.empty() ? type_text(s) : s.value_name));
  };
  SettingValue value;
  switch (s.type) {
    case SettingType::integer: {
      auto v = parse_int(text);
      if (!v) return bad();
      value = *v;
      break;
    }
    case SettingType::number: {
      auto v = parse_double(text);
      if (!v) return bad();
      value = *v;
      break;
    }
    case SettingType::boolean:
      if (text != "true" && text != "false") return bad();
      value = text == "true";
      break;
    case SettingType::text:
    case SettingType::choice:
      value = text;
      break;
    case SettingType::numbers: {
      std::vector<double> list;
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        auto v = parse_double(std::string_view(text).substr(start, comma - start));
        if (!v) return bad();
        list.push_back(*v);
        start = comma + 1;
      }
      value = std::move(list);
      break;
    }
    case SettingType::records: {
      Record record;
      size_t start = 0;
      for (size_t f = 0; f < s.fields.size(); ++f) {
        const bool last = f + 1 == s.fields.size();
        size_t eq = last ? text.size() : text.find('=', start);
        if (eq == std::string::npos || start > text.size()) return bad();
        const std::string part = text.substr(start, eq - start);
        if (part.empty()) return bad();
        const Setting& field = s.fields[f];
        SettingValue v;
        if (field.type == SettingType::integer) {
          auto i = parse_int(part);
          if (!i) return bad();
          v = *i;
        } else if (field.type == SettingType::number) {
          auto d = parse_double(part);
          if (!d) return bad();
          v = *d;
        } else {
          v = part;
        }
        record.fields[field.key] = std::move(v);
        start = eq + 1;
      }
      value = std::vector<Record>{std::move(record)};
      break;
    }
  }
  check_setting(s, value, where);
  return value;
}

}  // namespace rz::analysis

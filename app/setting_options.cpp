#include "app/setting_options.hpp"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace rz::app {

using analysis::Setting;
using analysis::SettingType;

std::string table_of(const analysis::Analysis& analysis, const Setting& setting) {
  return setting.table.empty() ? analysis.table : setting.table;
}

std::string setting_help(const Setting& s, const std::string& table) {
  std::string text = s.help;
  const std::string value = s.default_text();
  if (s.type == SettingType::boolean)
    text += value == "true" ? " (on by default; this flag turns it off)"
                            : " (off by default; this flag turns it on)";
  else if (!value.empty())
    text += fmt::format(" (default: {})", value);
  else if (!s.default_help.empty())
    text += fmt::format(" (default: {})", s.default_help);
  const std::string range = s.range_text();
  if (!range.empty() && s.type != SettingType::choice) text += fmt::format("; {}", range);
  if (!table.empty()) text += fmt::format(". Project file: [{}] {}", table, s.key);
  return text;
}

namespace {

// CLI11's name list for a setting: "-k", "-t,--target", "--no-areas,--no-households".
std::string names_of(const Setting& s, const std::string& long_name) {
  std::string names;
  auto add = [&](const std::string& n) { names += (names.empty() ? "" : ",") + n; };
  if (!s.short_name.empty()) add("-" + s.short_name);
  if (long_name.size() == 1)
    add("-" + long_name);
  else if (!long_name.empty())
    add("--" + long_name);
  for (const auto& alias : s.aliases) add("--" + alias);
  return names;
}

}  // namespace

void SettingOptions::add(CLI::App& sub, const std::vector<const analysis::Analysis*>& analyses) {
  for (const auto* a : analyses) {
    for (const auto& s : a->settings) {
      const std::string long_name =
          s.type == SettingType::boolean ? s.flag_name() : s.option_name();
      if (long_name.empty()) continue;
      const std::string option = (long_name.size() == 1 ? "-" : "--") + long_name;
      Bound* shared = nullptr;
      for (auto& b : bound_)
        if (b->option == option) shared = b.get();
      if (shared) {
        // One option for both: it must mean the same thing in each.
        if (shared->setting->key != s.key || shared->setting->type != s.type)
          throw std::logic_error(
              fmt::format("option {} declared twice with different meanings", option));
        shared->analyses.push_back(a->name);
        const std::string table = table_of(*a, s);
        if (shared->tables.count(table) == 0) {
          shared->tables.insert(table);
          shared->cli->description(
              fmt::format("{}, [{}] {}", shared->cli->get_description(), table, s.key));
        }
        continue;
      }
      auto b = std::make_unique<Bound>();
      b->setting = &s;
      b->analyses = {a->name};
      b->option = option;
      b->tables = {table_of(*a, s)};
      const std::string help = setting_help(s, table_of(*a, s));
      if (s.type == SettingType::boolean) {
        b->cli = sub.add_flag(names_of(s, long_name), b->flag, help);
      } else if (s.type == SettingType::records) {
        b->cli = sub.add_option(names_of(s, long_name), b->texts, help)->option_text(s.value_name);
      } else {
        b->cli = sub.add_option(names_of(s, long_name), b->texts, help)
                     ->expected(1)
                     ->option_text(s.value_name);
      }
      bound_.push_back(std::move(b));
    }
  }
}

void SettingOptions::apply(std::map<std::string, analysis::SettingValues>& values) const {
  for (const auto& b : bound_) {
    if (b->cli->count() == 0) continue;
    const Setting& s = *b->setting;
    analysis::SettingValue value;
    if (s.type == SettingType::boolean) {
      // The flag turns the default around: --capacities on, --no-areas off.
      const bool on_by_default =
          std::holds_alternative<bool>(s.default_value) && std::get<bool>(s.default_value);
      value = !on_by_default;
    } else if (s.type == SettingType::records) {
      std::vector<analysis::Record> records;
      for (const auto& text : b->texts) {
        auto one = analysis::parse_setting_text(s, text, b->option);
        for (auto& r : std::get<std::vector<analysis::Record>>(one)) records.push_back(r);
      }
      value = std::move(records);
    } else {
      value = analysis::parse_setting_text(s, b->texts.back(), b->option);
    }
    for (const auto& name : b->analyses) values[name].set(s.key, value, b->option);
  }
}

}  // namespace rz::app

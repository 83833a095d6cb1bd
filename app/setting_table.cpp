#include "app/setting_table.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/registry.hpp"
#include "app/setting_options.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::app {

using analysis::Record;
using analysis::Setting;
using analysis::SettingType;
using analysis::SettingValue;

namespace {

// The tables of the project file that are not an analysis's.
constexpr std::string_view kFileTables[] = {"project", "layer", "export"};

const toml::table* table_at(const toml::table& root, const std::string& dotted) {
  const toml::table* t = &root;
  size_t start = 0;
  while (t && start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string::npos) dot = dotted.size();
    t = (*t)[dotted.substr(start, dot - start)].as_table();
    start = dot + 1;
  }
  return t;
}

[[noreturn]] void must_be(const Setting& s, const std::string& where, const char* what) {
  throw UsageError(
      fmt::format(fmt::runtime(tr("{}: {} must be {}")), where, in_quotes(s.key), what));
}

SettingValue scalar_value(const Setting& s, const toml::node& node, const std::string& where) {
  switch (s.type) {
    case SettingType::integer:
      if (auto v = node.as_integer()) return v->get();
      must_be(s, where, tr("a whole number"));
    case SettingType::number:
      if (auto v = node.as_integer()) return static_cast<double>(v->get());
      if (auto v = node.as_floating_point()) return v->get();
      must_be(s, where, tr("a number"));
    case SettingType::boolean:
      if (auto v = node.as_boolean()) return v->get();
      must_be(s, where, tr("true or false"));
    case SettingType::text:
    case SettingType::choice:
      if (auto v = node.as_string()) return v->get();
      must_be(s, where, tr("a string"));
    case SettingType::numbers: {
      auto* array = node.as_array();
      if (!array) must_be(s, where, tr("a list of numbers"));
      std::vector<double> list;
      for (const auto& item : *array) {
        if (auto i = item.as_integer())
          list.push_back(static_cast<double>(i->get()));
        else if (auto d = item.as_floating_point())
          list.push_back(d->get());
        else
          must_be(s, where, tr("a list of numbers"));
      }
      return list;
    }
    case SettingType::records:
      break;
  }
  must_be(s, where, tr("a table"));
}

Record record_from(const Setting& s, const toml::table& t, std::string name,
                   const std::string& where) {
  Record record;
  record.name = std::move(name);
  for (const auto& entry : t) {
    // Named, not a structured binding: clang 14 cannot capture bindings in the lambda below.
    const toml::key& key = entry.first;
    const toml::node& value = entry.second;
    auto field = std::find_if(s.fields.begin(), s.fields.end(),
                              [&](const Setting& f) { return f.key == key.str(); });
    if (field == s.fields.end()) {
      std::vector<std::string> known;
      for (const auto& f : s.fields) known.push_back(f.key);
      throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown key {} (known: {})")), where,
                                   in_quotes(key.str()), fmt::join(known, ", ")));
    }
    record.fields[field->key] = scalar_value(*field, value, where);
    analysis::check_setting(*field, record.fields[field->key], where);
  }
  for (const auto& f : s.fields)
    if (!record.fields.count(f.key)) {
      if (std::holds_alternative<std::monostate>(f.default_value) && !s.keyed)
        throw UsageError(
            fmt::format(fmt::runtime(tr("{}: {} is missing")), where, in_quotes(f.key)));
      if (!std::holds_alternative<std::monostate>(f.default_value))
        record.fields[f.key] = f.default_value;
    }
  return record;
}

SettingValue records_value(const Setting& s, const toml::node& node, const std::string& path,
                           const std::string& table) {
  std::vector<Record> records;
  if (s.keyed) {
    auto* t = node.as_table();
    const std::string where = fmt::format("{} [{}] {}", path, table, s.key);
    if (!t)
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: must be a table keyed by {}")), where, s.key_help));
    for (const auto& [name, value] : *t) {
      const std::string rwhere = fmt::format("{} [{}] {}.{}", path, table, s.key, name.str());
      auto* entry = value.as_table();
      if (!entry)
        throw UsageError(
            fmt::format(fmt::runtime(tr("{}: must be a table keyed by {}")), rwhere, s.key_help));
      records.push_back(record_from(s, *entry, std::string(name.str()), rwhere));
    }
    return records;
  }
  auto* array = node.as_array();
  if (!array)
    throw UsageError(fmt::format(fmt::runtime(tr("{} [{}]: {} must be [[{}.{}]] tables")), path,
                                 table, in_quotes(s.key), table, s.key));
  int index = 0;
  for (const auto& item : *array) {
    const std::string where = fmt::format("{} [[{}.{}]] #{}", path, table, s.key, ++index);
    auto* t = item.as_table();
    if (!t) throw UsageError(fmt::format(fmt::runtime(tr("{}: must be a table")), where));
    records.push_back(record_from(s, *t, "", where));
  }
  return records;
}

// A known table written as a value («reach = 5», or «roads = 5» under [reach]) would otherwise
// read as absent: its settings silently the defaults.
void check_is_table(const toml::table& root, const std::string& path, const std::string& dotted) {
  const toml::table* t = &root;
  size_t start = 0;
  while (t) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string::npos) dot = dotted.size();
    const toml::node* n = t->get(dotted.substr(start, dot - start));
    if (!n) return;
    t = n->as_table();
    if (!t)
      throw UsageError(fmt::format(fmt::runtime(tr("{}: {} must be a table ([{}])")), path,
                                   in_quotes(dotted.substr(0, dot)), dotted.substr(0, dot)));
    start = dot + 1;
    if (dot == dotted.size()) return;
  }
}

// Every key of every analysis table is some analysis's setting, or a table below it; the
// top-level tables are the file's own or an analysis's.
void check_known_keys(const toml::table& root, const std::string& path) {
  std::map<std::string, std::set<std::string>> known;  // table -> keys
  std::set<std::string> top(std::begin(kFileTables), std::end(kFileTables));
  for (const auto& a : analysis::analyses()) {
    for (const auto& s : a.settings) known[table_of(a, s)].insert(s.key);
    known[a.table];
  }
  for (const auto& [table, keys] : std::map(known)) {
    (void)keys;
    auto dot = table.rfind('.');
    top.insert(table.substr(0, table.find('.')));
    if (dot != std::string::npos) known[table.substr(0, dot)].insert(table.substr(dot + 1));
  }
  check_is_table(root, path, "project");
  check_is_table(root, path, "export");
  for (const auto& [table, keys] : known) check_is_table(root, path, table);
  for (const auto& [key, value] : root)
    if (!top.count(std::string(key.str())))
      throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown table or key {} (known: {})")),
                                   path, in_quotes(key.str()), fmt::join(top, ", ")));
  for (const auto& [table, keys] : known) {
    const toml::table* t = table_at(root, table);
    if (!t) continue;
    for (const auto& [key, value] : *t)
      if (!keys.count(std::string(key.str())))
        throw UsageError(fmt::format(fmt::runtime(tr("{} [{}]: unknown key {} (known: {})")), path,
                                     table, in_quotes(key.str()), fmt::join(keys, ", ")));
  }
}

}  // namespace

ProjectSettings default_settings() {
  ProjectSettings out;
  for (const auto& a : analysis::analyses())
    out.values.emplace(a.name, analysis::SettingValues(a.settings));
  return out;
}

ProjectSettings read_project_settings(const toml::table& root, const std::string& path) {
  check_known_keys(root, path);
  ProjectSettings out = default_settings();
  for (const auto& a : analysis::analyses()) {
    if (table_at(root, a.table)) out.tables.insert(a.table);
    auto& values = out.values.at(a.name);
    for (const auto& s : a.settings) {
      const std::string table = table_of(a, s);
      const toml::table* t = table_at(root, table);
      if (!t) continue;
      const toml::node* node = t->get(s.key);
      if (!node) continue;
      const std::string where = fmt::format("{} [{}]", path, table);
      SettingValue value = s.type == SettingType::records ? records_value(s, *node, path, table)
                                                          : scalar_value(s, *node, where);
      analysis::check_setting(s, value, where);
      values.set(s.key, std::move(value), where);
    }
  }
  return out;
}

toml::table parse_project_toml(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw UsageError(fmt::format(fmt::runtime(tr("{}: no such project file")), path));
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw UsageError(fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                 e.source().begin.column, e.description()));
  }
}

}  // namespace rz::app

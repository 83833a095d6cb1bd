#include "import/register_join.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/error.hpp"
#include "geo/inner_points.hpp"
#include "geo/messages.hpp"
#include "import/layer_kind.hpp"

namespace rz::import {

namespace {

constexpr std::string_view kOverwritten = "rz_register_overwritten";
constexpr size_t kListed = 20;  // codes named in a warning; the rest counted

geo::Value column_value(const geo::Statement& st, int col) {
  switch (st.column_type(col)) {
    case SQLITE_INTEGER:
      return st.get_int(col);
    case SQLITE_FLOAT:
      return st.get_double(col);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return st.get_text(col);
  }
}

void bind_value(geo::Statement& st, int index, const geo::Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v))
    st.bind(index, *i);
  else if (const auto* d = std::get_if<double>(&v))
    st.bind(index, *d);
  else if (const auto* t = std::get_if<std::string>(&v))
    st.bind(index, std::string_view(*t));
  else
    st.bind_null(index);
}

std::optional<double> number_of(const geo::Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

bool same_value(const geo::Value& a, const geo::Value& b) {
  auto x = number_of(a), y = number_of(b);
  if (x && y) return *x == *y;
  return a == b;
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < kListed; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > kListed)
    out += fmt::format(fmt::runtime(tr(", ... and {} more")), items.size() - kListed);
  return out;
}

std::unordered_set<std::string> table_columns(geo::Database& db, const std::string& table) {
  std::unordered_set<std::string> names;
  auto st = db.prepare(fmt::format("PRAGMA table_info({})", geo::quote_identifier(table)));
  while (st.step()) names.insert(st.get_text(1));
  return names;
}

// A column for `field` in the layer's table and in its rz_layers description (a villages layer
// of a store written before the field existed).
void add_column(geo::Database& db, const std::string& layer, const CanonicalField& field) {
  db.exec(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", geo::quote_identifier(layer),
                      geo::quote_identifier(field.name),
                      field.type == geo::FieldType::integer ? "INTEGER" : "REAL"));
  auto read = db.prepare("SELECT fields FROM rz_layers WHERE name=?");
  read.bind(1, std::string_view(layer));
  if (!read.step()) return;
  auto fields = nlohmann::json::parse(read.get_text(0));
  fields.push_back({{"name", field.name}, {"type", std::string(geo::to_string(field.type))}});
  auto write = db.prepare("UPDATE rz_layers SET fields=? WHERE name=?");
  write.bind(1, std::string_view(fields.dump())).bind(2, std::string_view(layer));
  write.run();
}

// Puts back the villages' own values an earlier register replaced (or, when the villages layer
// was imported again, forgets them: they were of the layer it replaced). Returns how many.
int64_t take_back_earlier_register(geo::Database& db, const std::string& layer, bool write_back) {
  db.exec(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (layer TEXT NOT NULL, fid INTEGER NOT NULL, field TEXT NOT "
      "NULL, value, PRIMARY KEY (layer, fid, field)) WITHOUT ROWID",
      kOverwritten));
  int64_t restored = 0;
  if (write_back) {
    const auto columns = table_columns(db, layer);
    auto st =
        db.prepare(fmt::format("SELECT fid, field, value FROM {} WHERE layer=?", kOverwritten));
    st.bind(1, std::string_view(layer));
    std::unordered_map<std::string, geo::Statement> updates;
    while (st.step()) {
      const std::string field = st.get_text(1);
      if (!columns.contains(field)) continue;
      auto it = updates.find(field);
      if (it == updates.end())
        it = updates
                 .emplace(field, db.prepare(fmt::format("UPDATE {} SET {}=? WHERE fid=?",
                                                        geo::quote_identifier(layer),
                                                        geo::quote_identifier(field))))
                 .first;
      bind_value(it->second, 1, column_value(st, 2));
      it->second.bind(2, st.get_int(0));
      it->second.run();
      ++restored;
    }
  }
  auto forget = db.prepare(fmt::format("DELETE FROM {} WHERE layer=?", kOverwritten));
  forget.bind(1, std::string_view(layer));
  forget.run();
  return restored;
}

struct VillageRow {
  int64_t fid = 0;
  std::string code, name;
  std::vector<geo::Value> values;                // the joined fields, in order
  std::vector<bool> from_register;               // per joined field: the register's value
  std::optional<double> households, population;  // the villages' own
  bool joined = false;
};

}  // namespace

std::optional<std::string> register_target(geo::Store& store) {
  std::optional<std::string> only;
  int count = 0;
  for (const auto& layer : store.layers()) {
    if (layer.schema.kind != "villages") continue;
    if (layer.schema.name == "villages") return layer.schema.name;
    only = layer.schema.name;
    ++count;
  }
  return count == 1 ? only : std::nullopt;
}

RegisterJoin join_register(geo::Store& store, const RegisterInput& input) {
  const auto target = register_target(store);
  if (!target)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the store has no villages layer to join the register to: "
                                    "import the villages first")),
                    input.source));
  geo::Database& db = store.db();
  std::vector<const CanonicalField*> joined;
  for (const auto& f : spec(LayerKind::village_register).fields)
    if (joins_into_villages(f) &&
        std::find(input.fields.begin(), input.fields.end(), f.name) != input.fields.end())
      joined.push_back(&f);

  RegisterJoin out;
  // The join changes no geometry: the villages' inner points stay true and are written back
  // after the updates (which discard them, geo/inner_points.hpp).
  const auto inner_points = geo::read_inner_points(db, *target);
  const int64_t restored = take_back_earlier_register(db, *target, !input.villages_reimported);

  std::vector<std::string> added;
  const auto columns = table_columns(db, *target);
  for (const auto* f : joined)
    if (!columns.contains(f->name)) {
      add_column(db, *target, *f);
      added.push_back(f->name);
    }
  std::string selected;
  for (const auto* f : joined) selected += ", " + geo::quote_identifier(f->name);
  const auto all_columns = table_columns(db, *target);
  const bool own_counts = all_columns.contains("households") && all_columns.contains("population");

  std::vector<VillageRow> villages;
  std::unordered_map<std::string, size_t> village_of_code;
  {
    auto st = db.prepare(fmt::format("SELECT fid, code, name{}{} FROM {} ORDER BY fid", selected,
                                     own_counts ? ", households, population" : "",
                                     geo::quote_identifier(*target)));
    const int own_at = static_cast<int>(joined.size()) + 3;
    while (st.step()) {
      VillageRow v;
      v.fid = st.get_int(0);
      v.code = st.get_optional_text(1).value_or("");
      v.name = st.get_optional_text(2).value_or("");
      for (size_t j = 0; j < joined.size(); ++j)
        v.values.push_back(column_value(st, static_cast<int>(j) + 3));
      if (own_counts) {
        v.households = number_of(column_value(st, own_at));
        v.population = number_of(column_value(st, own_at + 1));
      }
      v.from_register.assign(joined.size(), false);
      if (!v.code.empty()) village_of_code.emplace(v.code, villages.size());
      villages.push_back(std::move(v));
    }
  }

  auto save = db.prepare(fmt::format(
      "INSERT OR REPLACE INTO {} (layer, fid, field, value) VALUES (?, ?, ?, ?)", kOverwritten));
  std::vector<std::string> unknown, renamed;
  int64_t differing = 0;
  {
    auto st = db.prepare(fmt::format("SELECT src_fid, code, name{} FROM {} ORDER BY fid", selected,
                                     geo::quote_identifier(input.register_layer)));
    while (st.step()) {
      const std::string code = st.get_optional_text(1).value_or("");
      const std::string name = st.get_optional_text(2).value_or("");
      auto it = village_of_code.find(code);
      if (it == village_of_code.end()) {
        std::string label = input.row_label ? input.row_label(st.get_int(0)) : std::string();
        unknown.push_back(fmt::format("{}{}{}", code, name.empty() ? "" : " " + name,
                                      label.empty() ? "" : " (" + label + ")"));
        continue;
      }
      VillageRow& v = villages[it->second];
      v.joined = true;
      if (!name.empty() && name != v.name)
        renamed.push_back(fmt::format(fmt::runtime(tr("{} register {}, villages {}")), code,
                                      in_quotes(name), in_quotes(v.name)));
      for (size_t j = 0; j < joined.size(); ++j) {
        geo::Value value = column_value(st, static_cast<int>(j) + 3);
        if (std::holds_alternative<std::monostate>(value)) continue;  // blank: the village's own
        save.bind(1, std::string_view(*target))
            .bind(2, v.fid)
            .bind(3, std::string_view(joined[j]->name));
        bind_value(save, 4, v.values[j]);
        save.run();
        if (!same_value(value, v.values[j])) ++differing;
        v.values[j] = std::move(value);
        v.from_register[j] = true;
      }
    }
  }

  // Households and population may come one from the register, the other from the villages.
  auto index_of = [&](std::string_view name) -> std::optional<size_t> {
    for (size_t j = 0; j < joined.size(); ++j)
      if (joined[j]->name == name) return j;
    return std::nullopt;
  };
  const auto households_at = index_of("households"), population_at = index_of("population");
  std::vector<std::string> too_many_households;
  std::vector<std::string> missing;
  int64_t joined_count = 0;
  for (const auto& v : villages) {
    if (!v.joined) {
      missing.push_back(v.code.empty() ? fmt::format(fmt::runtime(tr("(no code) {}")), v.name)
                                       : fmt::format("{} {}", v.code, v.name));
      continue;
    }
    ++joined_count;
    {
      auto households = households_at ? number_of(v.values[*households_at]) : v.households;
      auto population = population_at ? number_of(v.values[*population_at]) : v.population;
      if (households && population && *households > *population) {
        auto origin = [&](std::optional<size_t> at) {
          return at && v.from_register[*at] ? "the register" : "the villages layer";
        };
        too_many_households.push_back(fmt::format(
            "village {} ({}): field households is {} (from {}) but population is {} (from {})",
            v.code, v.name, *households, origin(households_at), *population,
            origin(population_at)));
      }
    }
  }
  if (!too_many_households.empty())
    throw DataError(fmt::format(
        fmt::runtime(
            tr("{}: {} village(s) would have more households than people once the register is "
               "joined, nothing imported: {}")),
        input.source, too_many_households.size(), listed(too_many_households)));

  if (!joined.empty()) {
    std::string assignments;
    for (const auto* f : joined)
      assignments += (assignments.empty() ? "" : ", ") + geo::quote_identifier(f->name) + "=?";
    auto update = db.prepare(
        fmt::format("UPDATE {} SET {} WHERE fid=?", geo::quote_identifier(*target), assignments));
    for (const auto& v : villages) {
      if (!v.joined) continue;
      for (size_t j = 0; j < joined.size(); ++j)
        bind_value(update, static_cast<int>(j) + 1, v.values[j]);
      update.bind(static_cast<int>(joined.size()) + 1, v.fid);
      update.run();
    }
  }
  if (inner_points) {
    geo::InnerPointsWriter points(db, *target);
    for (const auto& [fid, xy] : *inner_points) points.add(fid, xy.first, xy.second);
    points.finish();
  }

  std::vector<std::string> field_names;
  for (const auto* f : joined) field_names.push_back(f->name);
  if (restored > 0)
    out.notes.push_back(fmt::format(fmt::runtime(tr("the earlier register's {} value(s) were taken "
                                                    "back first (this register replaces it)")),
                                    restored));
  out.notes.push_back(fmt::format(
      fmt::runtime(tr(
          "village register joined into {} by village code: {} of {} village(s), field(s) {}; {} "
          "value(s) differ from the villages' own")),
      *target, joined_count, villages.size(),
      field_names.empty() ? std::string(tr("(none)"))
                          : fmt::format("{}", fmt::join(field_names, ", ")),
      differing));
  if (!added.empty())
    out.notes.push_back(fmt::format(fmt::runtime(tr("column(s) added to {}: {}")), *target,
                                    fmt::join(added, ", ")));
  if (joined.empty())
    out.warnings.push_back(fmt::format(
        fmt::runtime(
            tr("the register has no column of a village field ({}, ...): nothing to join")),
        "population, 十好, 示范点"));
  if (!unknown.empty())
    out.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "{} register row(s) name a village code that is no village of {} (unknown codes, not "
            "joined): {}")),
        unknown.size(), *target, listed(unknown)));
  if (!missing.empty())
    out.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "{} village(s) of {} are missing from the register (they keep their own values): {}")),
        missing.size(), *target, listed(missing)));
  if (!renamed.empty())
    out.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "{} register row(s) give another name than the villages layer for the same code (the "
            "code decides; check the codes): {}")),
        renamed.size(), listed(renamed)));
  return out;
}

std::optional<RegisterJoin> reapply_register(geo::Store& store,
                                             const std::string& villages_source) {
  const std::string layer = spec(LayerKind::village_register).name;
  auto info = store.layer(layer);
  if (!info || info->schema.kind != layer || !info->import_id) return std::nullopt;
  auto st = store.db().prepare(
      "SELECT source_path, field_mapping, imported_at FROM rz_imports WHERE id=?");
  st.bind(1, *info->import_id);
  if (!st.step()) return std::nullopt;
  RegisterInput input;
  input.source = st.get_text(0);
  input.register_layer = layer;
  const nlohmann::json mapping = nlohmann::json::parse(st.get_text(1));
  for (auto it = mapping.begin(); it != mapping.end(); ++it) input.fields.push_back(it.key());
  input.villages_reimported = true;
  const std::string imported_at = st.get_text(2);
  RegisterJoin join;
  try {
    join = join_register(store, input);
  } catch (const DataError& e) {
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: the store's village register does not fit these villages: {}")),
        villages_source, e.what()));
  }
  join.notes.insert(
      join.notes.begin(),
      fmt::format(fmt::runtime(tr("the store's village register ({}, imported {}) was applied "
                                  "to the villages again")),
                  input.source, imported_at));
  return join;
}

}  // namespace rz::import

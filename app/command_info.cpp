// ruralzone info: what a project store holds.
#include <fmt/format.h>

#include <map>

#include <nlohmann/json.hpp>

#include "app/command.hpp"
#include "app/shared_options.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

// Counts per township of a layer, keyed by 9-digit township code; empty when the layer carries no
// code to group by.
std::map<std::string, int64_t> per_township(geo::Store& store, const geo::LayerInfo& layer) {
  std::string column;
  for (const char* candidate : {"township_code", "village_code"})
    for (const auto& f : layer.schema.fields)
      if (column.empty() && f.name == candidate) column = candidate;
  if (column.empty() && layer.schema.kind == "townships") column = "code";
  std::map<std::string, int64_t> out;
  if (column.empty()) return out;
  auto st = store.db().prepare(
      fmt::format("SELECT coalesce(substr({0}, 1, 9), ''), count(*) FROM {1} GROUP BY 1 ORDER BY 1",
                  geo::quote_identifier(column), geo::quote_identifier(layer.schema.name)));
  while (st.step()) out[st.get_text(0)] = st.get_int(1);
  return out;
}

std::map<std::string, std::string> township_names(geo::Store& store) {
  std::map<std::string, std::string> names;
  if (store.layer("townships")) {
    auto st = store.db().prepare("SELECT code, name FROM townships WHERE code IS NOT NULL");
    while (st.step()) names[st.get_text(0)] = st.get_text(1);
  }
  if (store.layer("villages")) {
    auto st = store.db().prepare(
        "SELECT township_code, township_name FROM villages WHERE township_code IS NOT NULL AND "
        "township_name IS NOT NULL GROUP BY 1");
    while (st.step()) names.emplace(st.get_text(0), st.get_text(1));
  }
  return names;
}

class InfoCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    store_option_.add(sub);
    sub.add_flag("--json", json_, "Print JSON for scripts");
  }

  int run(const GlobalOptions&) override {
    store_ = store_option_.path();
    auto store = geo::Store::open(store_, false);
    nlohmann::json out;
    out["store"] = store_;
    int srid = store.srid();
    out["srid"] = srid;
    out["crs"] = srid ? fmt::format("EPSG:{} {}", srid, store.crs_name()) : "";
    auto names = township_names(store);
    auto imports = store.imports();
    out["layers"] = nlohmann::json::array();
    for (const auto& layer : store.layers()) {
      nlohmann::json l;
      l["name"] = layer.schema.name;
      l["kind"] = layer.schema.kind;
      l["geometry"] = std::string(geo::to_string(layer.schema.geometry));
      l["features"] = layer.feature_count;
      if (auto e = store.extent(layer.schema.name)) l["extent"] = *e;
      if (layer.import_id)
        for (const auto& imp : imports)
          if (imp["id"] == *layer.import_id) l["source"] = imp;
      auto counts = per_township(store, layer);
      if (!counts.empty()) {
        nlohmann::json t = nlohmann::json::array();
        for (const auto& [code, n] : counts)
          t.push_back({{"township_code", code},
                       {"township_name", names.count(code) ? names[code] : ""},
                       {"features", n}});
        l["per_township"] = t;
      }
      auto problems = store.problems(layer.schema.name);
      l["problems"] = nlohmann::json::array();
      for (const auto& p : problems) {
        nlohmann::json j{{"severity", p.severity}, {"message", p.message}};
        if (p.feature_id) j["feature"] = *p.feature_id;
        l["problems"].push_back(j);
      }
      out["layers"].push_back(l);
    }
    if (json_) {
      fmt::print("{}\n", out.dump(2));
      return 0;
    }
    fmt::print(fmt::runtime(tr("store: {}\nCRS:   {}\n")), store_, out["crs"].get<std::string>());
    for (const auto& l : out["layers"]) {
      fmt::print(fmt::runtime(tr("\n{} ({}, {}): {} features\n")), l["name"].get<std::string>(),
                 l["kind"].get<std::string>(), l["geometry"].get<std::string>(),
                 l["features"].get<int64_t>());
      if (l.contains("extent")) {
        auto e = l["extent"];
        fmt::print(fmt::runtime(tr("  extent: {:.1f} {:.1f} - {:.1f} {:.1f}\n")),
                   e[0].get<double>(), e[1].get<double>(), e[2].get<double>(), e[3].get<double>());
      }
      if (l.contains("source")) {
        const auto& s = l["source"];
        fmt::print(fmt::runtime(tr("  source: {} (sha256 {}, {}, {}, imported {})\n")),
                   s["source_path"].get<std::string>(),
                   s["source_sha256"].get<std::string>().substr(0, 12) + "…",
                   s["encoding"].get<std::string>(), s["source_crs"].get<std::string>(),
                   s["imported_at"].get<std::string>());
      }
      if (l.contains("per_township")) {
        fmt::print("{}", tr("  per township:\n"));
        for (const auto& t : l["per_township"])
          fmt::print("    {:<9} {:<8} {:>8}\n", t["township_code"].get<std::string>(),
                     t["township_name"].get<std::string>(), t["features"].get<int64_t>());
      }
      if (!l["problems"].empty()) {
        fmt::print(fmt::runtime(tr("  problems found at import: {}\n")), l["problems"].size());
        size_t shown = 0;
        for (const auto& p : l["problems"]) {
          if (++shown > 10) {
            fmt::print("{}", tr("    ... (info --json lists them all)\n"));
            break;
          }
          fmt::print("    {}{}: {}\n", p["severity"].get<std::string>(),
                     p.contains("feature")
                         ? fmt::format(fmt::runtime(tr(" feature {}")), p["feature"].get<int64_t>())
                         : "",
                     p["message"].get<std::string>());
        }
      }
    }
    return 0;
  }

 private:
  StoreOption store_option_;
  std::string store_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_info_command() {
  return std::make_unique<InfoCommand>();
}

}  // namespace rz::app

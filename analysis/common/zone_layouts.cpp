#include "analysis/common/zone_layouts.hpp"

#include <map>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/store_inputs.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr size_t kProblemsShown = 20;

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

struct ZoneRow {
  int64_t row = 0;  // the source feature's id (a CSV's data row number)
  std::string code, name, role;
};

}  // namespace

std::string zone_role_of(const std::string& role) {
  std::string lower;
  for (char c : trimmed(role)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* core : {"核心村", "核心", "core"})
    if (lower == core) return "core";
  for (const char* member : {"示范点", "示范村", "成员", "成员村", "member", "point"})
    if (lower == member) return "member";
  return "";
}

std::string zone_layer_source(geo::Store& store, const std::string& layer) {
  std::string source;
  for (const auto& import : store.imports())
    if (import["layer"] == layer) source = import["source_path"].get<std::string>();
  return source.empty() ? fmt::format("{} (layer «{}»)", store.path(), layer) : source;
}

std::vector<ZoneLayoutCodes> read_zone_layouts(
    geo::Store& store, const std::string& layer,
    const std::function<std::optional<std::string>(const std::string&)>& village_name) {
  const auto info = store.layer(layer);
  if (!info)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: no zones layer {}")), store.path(), in_quotes(layer)));
  const std::string source = zone_layer_source(store, layer);
  const Columns c(*info);
  for (const char* needed : {"zone", "village_code", "role"})
    if (c[needed] < 0)
      throw DataError(fmt::format(
          fmt::runtime(tr("{}: the zones layer {} has no {} field: each row needs {} (zone), {} "
                          "(village_code) and {} (role: {} or {})")),
          source, in_quotes(layer), needed, "示范区", "村代码", "角色", "核心村", "示范点"));
  std::map<std::string, int64_t> src_fid;  // not in FeatureRow: read beside it
  {
    auto st = store.db().prepare("SELECT fid, src_fid FROM " + geo::quote_identifier(layer));
    while (st.step()) src_fid[std::to_string(st.get_int(0))] = st.get_int(1);
  }

  std::vector<std::string> zone_order;
  std::map<std::string, std::vector<ZoneRow>> rows;
  std::vector<std::string> problems;
  const int zone = c["zone"], code = c["village_code"], name = c["village_name"], role = c["role"];
  store.read_attributes(layer, [&](const geo::FeatureRow& r) {
    ZoneRow row;
    row.row = src_fid[std::to_string(r.fid)];
    row.code = trimmed(text_of(at(r, code)));
    row.name = trimmed(text_of(at(r, name)));
    row.role = trimmed(text_of(at(r, role)));
    const std::string zone_name = trimmed(text_of(at(r, zone)));
    if (zone_name.empty()) {
      problems.push_back(fmt::format(fmt::runtime(tr("row {} ({}): no zone name ({})")), row.row,
                                     row.code, "示范区"));
      return;
    }
    if (row.code.empty()) {
      problems.push_back(fmt::format(fmt::runtime(tr("zone {}, row {}: no village code ({})")),
                                     in_quotes(zone_name), row.row, "村代码"));
      return;
    }
    if (!rows.count(zone_name)) zone_order.push_back(zone_name);
    rows[zone_name].push_back(std::move(row));
  });
  if (zone_order.empty() && problems.empty())
    throw DataError(fmt::format(fmt::runtime(tr("{}: the zones layer {} has no rows")), source,
                                in_quotes(layer)));

  std::vector<ZoneLayoutCodes> out;
  for (const auto& zone_name : zone_order) {
    ZoneLayoutCodes layout;
    layout.name = zone_name;
    std::vector<const ZoneRow*> cores;
    std::map<std::string, int64_t> first_row;
    std::vector<std::string> unknown;
    for (const auto& row : rows[zone_name]) {
      const std::string kind = zone_role_of(row.role);
      if (kind.empty()) {
        problems.push_back(fmt::format(
            fmt::runtime(tr("zone {}, row {}, village {}: role {} is neither {} (core) nor {} "
                            "(member)")),
            in_quotes(zone_name), row.row, row.code, in_quotes(row.role), "核心村", "示范点"));
        continue;
      }
      if (auto [it, fresh] = first_row.emplace(row.code, row.row); !fresh) {
        problems.push_back(
            fmt::format(fmt::runtime(tr("zone {}: village {} listed twice (rows {} and {})")),
                        in_quotes(zone_name), row.code, it->second, row.row));
        continue;
      }
      const auto known = village_name(row.code);
      if (kind == "core") {
        cores.push_back(&row);
        if (!known)
          problems.push_back(fmt::format(
              fmt::runtime(tr("zone {}, row {}: the core {} {}is not a village of the project")),
              in_quotes(zone_name), row.row, row.code,
              row.name.empty() ? "" : "(" + row.name + ") "));
        layout.core = row.code;
      } else {
        if (!known) unknown.push_back(fmt::format("{} (row {})", row.code, row.row));
        layout.members.push_back(row.code);
      }
      if (known && !row.name.empty() && *known != row.name)
        layout.names.emplace_back(row.code, row.name);
    }
    if (cores.empty())
      problems.push_back(
          fmt::format(fmt::runtime(tr("zone {}: no core village (a row with role {})")),
                      in_quotes(zone_name), "核心村"));
    if (cores.size() > 1) {
      std::vector<std::string> codes;
      for (const auto* r : cores)
        codes.push_back(fmt::format(fmt::runtime(tr("{} (row {})")), r->code, r->row));
      problems.push_back(fmt::format(fmt::runtime(tr("zone {}: {} core villages, one allowed: {}")),
                                     in_quotes(zone_name), cores.size(), fmt::join(codes, ", ")));
    }
    if (layout.members.empty())
      problems.push_back(fmt::format(fmt::runtime(tr("zone {}: no members (rows with role {})")),
                                     in_quotes(zone_name), "示范点"));
    if (!unknown.empty())
      problems.push_back(fmt::format(
          fmt::runtime(unknown.size() == 1 ? tr("zone {}: {} unknown village code: {}")
                                           : tr("zone {}: {} unknown village codes: {}")),
          in_quotes(zone_name), unknown.size(), fmt::join(unknown, ", ")));
    out.push_back(std::move(layout));
  }
  if (!problems.empty()) {
    const size_t shown = std::min(problems.size(), kProblemsShown);
    std::string list;
    for (size_t i = 0; i < shown; ++i) list += "\n  " + problems[i];
    if (shown < problems.size())
      list += fmt::format(fmt::runtime(tr("\n  ... and {} more")), problems.size() - shown);
    throw DataError(fmt::format(
        fmt::runtime(out.size() == 1
                         ? (problems.size() == 1
                                ? tr("{}: the zone layout cannot be checked ({} problem):{}")
                                : tr("{}: the zone layout cannot be checked ({} problems):{}"))
                         : (problems.size() == 1
                                ? tr("{}: the zone layouts cannot be checked ({} problem):{}")
                                : tr("{}: the zone layouts cannot be checked ({} problems):{}"))),
        source, problems.size(), list));
  }
  return out;
}

}  // namespace rz::analysis

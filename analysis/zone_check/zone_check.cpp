#include "analysis/zone_check/zone_check.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"

namespace rz::analysis {

std::string village_label(const ZoneVillageFacts& f) {
  return fmt::format("{}（{}）", f.name, f.code);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

geo::Bilingual minutes_text(double minutes) {
  if (minutes == kInf) return {"不可达", "unreachable"};
  return {fmt::format("{:.1f}分钟", minutes), fmt::format("{:.1f} min", minutes)};
}

// "11/13个村", "11 of 13"
geo::Bilingual of_text(size_t good, size_t all) {
  return {fmt::format("{}/{}个村", good, all), fmt::format("{} of {}", good, all)};
}

geo::Bilingual unknown_text(int64_t unknown) {
  return {fmt::format("（{}个情况不明）", unknown), fmt::format(" ({} unknown)", unknown)};
}

void append(geo::Bilingual& text, const geo::Bilingual& more) {
  text.zh += more.zh;
  text.en += more.en;
}

// A check over every zone village: those for which `fails` holds fail it.
template <typename Fails>
ZoneCheckResult every_village(std::string check, const std::vector<uint32_t>& villages,
                              geo::Bilingual threshold, Fails&& fails) {
  ZoneCheckResult r;
  r.check = std::move(check);
  r.threshold = std::move(threshold);
  for (uint32_t v : villages)
    if (fails(v)) r.failing.push_back(v);
  r.pass = r.failing.empty();
  r.value = of_text(villages.size() - r.failing.size(), villages.size());
  return r;
}

}  // namespace

const std::vector<geo::ValueName>& zone_check_names() {
  static const std::vector<geo::ValueName> names = {
      {"members", {"成员村数（1+N）", "Members (1+N)"}},
      {"linked_in_series", {"有机串联", "Linked in series"}},
      {"townships", {"涉及乡镇", "Townships spanned"}},
      {"core_minutes", {"核心村往返用时", "Minutes to and from the core"}},
      {"service_station", {"村级综合服务站全覆盖", "A village service station in every village"}},
      {"party_center", {"党群服务中心可达", "A Party-masses service center in reach"}},
      {"video_platform", {"接入党建视频监管平台", "On the video-supervision platform"}},
      {"training_center", {"培训中心", "Training centers"}},
      {"exhibition_hall", {"展览馆", "Exhibition halls"}},
      {"talent_incubator", {"人才孵化基地", "Talent incubators"}},
      {"agricultural_park", {"农业产业园", "Agricultural parks"}},
      {"ten_good", {"十好达标", "The ten good standards (十好)"}},
      {"collective_income", {"集体经济收入达标", "Collective income target"}},
      {"diversity", {"村庄类型多样", "Diverse village types"}},
  };
  return names;
}

const std::string& in_messages_language(const geo::Bilingual& text) {
  return messages_in_chinese() ? text.zh : text.en;
}

std::string zone_check_name(const std::string& check) {
  for (const auto& n : zone_check_names())
    if (n.value == check) return in_messages_language(n.name);
  return check;
}

std::vector<uint32_t> ZoneLayout::villages() const {
  std::vector<uint32_t> out = {core};
  out.insert(out.end(), members.begin(), members.end());
  return out;
}

bool ZoneCheck::pass() const {
  return std::all_of(checks.begin(), checks.end(), [](const auto& c) { return c.pass; });
}

const ZoneCheckResult* ZoneCheck::find(const std::string& check) const {
  for (const auto& c : checks)
    if (c.check == check) return &c;
  return nullptr;
}

ZoneCheck check_zone(const ZoneLayout& layout, const std::vector<ZoneVillageFacts>& facts,
                     const ZoneLinks& links, const ZoneCheckSettings& settings) {
  const std::vector<uint32_t> villages = layout.villages();
  if (links.size() != facts.size())
    throw std::invalid_argument("check_zone: facts and links of different villages");
  for (uint32_t v : villages)
    if (v >= facts.size()) throw std::invalid_argument("check_zone: no such village");
  if (std::set<uint32_t>(villages.begin(), villages.end()).size() != villages.size())
    throw std::invalid_argument("check_zone: a village twice in the zone");

  ZoneCheck out;
  out.zone = layout.name;
  const std::string village_count = fmt::format("{}", villages.size());

  {
    ZoneCheckResult r;
    r.check = "members";
    r.pass = static_cast<int64_t>(layout.members.size()) == settings.members;
    r.value = {fmt::format("1个核心村 + {}个示范点", layout.members.size()),
               fmt::format("1 core + {} members", layout.members.size())};
    r.threshold = {fmt::format("1个核心村 + {}个示范点", settings.members),
                   fmt::format("1 core + {} members", settings.members)};
    out.checks.push_back(std::move(r));
  }

  out.series = linked_in_series(links, villages);
  {
    ZoneCheckResult r;
    r.check = "linked_in_series";
    r.pass = out.series.connected();
    const size_t parts = out.series.components.size();
    r.value = {fmt::format("{}个片区", parts),
               fmt::format("{} component{}", parts, parts == 1 ? "" : "s")};
    const bool either = links.settings().directions == LinkDirections::either;
    r.threshold = {fmt::format("连成1个片区：相邻村接壤，或道路{}{:g}分钟内可达",
                               either ? "单向" : "往返均", links.settings().link_minutes),
                   fmt::format("1 component: a shared boundary or {} within {:g} road minutes",
                               either ? "either direction" : "both directions",
                               links.settings().link_minutes)};
    // The villages apart from the core's component.
    for (size_t c = 1; c < out.series.components.size(); ++c)
      for (uint32_t v : out.series.components[c]) r.failing.push_back(v);
    out.checks.push_back(std::move(r));
  }

  {
    std::map<std::string, ZoneCheck::Township> by_code;
    for (uint32_t v : villages) {
      auto& t = by_code[facts[v].township_code];
      t.code = facts[v].township_code;
      t.name = facts[v].township_name;
      t.villages.push_back(v);
    }
    for (auto& [code, t] : by_code) out.townships.push_back(std::move(t));
    ZoneCheckResult r;
    r.check = "townships";
    r.pass = static_cast<int64_t>(out.townships.size()) >= settings.townships_min;
    std::vector<std::string> parts;
    for (const auto& t : out.townships)
      parts.push_back(fmt::format("{} {}", t.name.empty() ? t.code : t.name, t.villages.size()));
    r.value = {fmt::format("{}个（{}）", out.townships.size(), fmt::join(parts, "、")),
               fmt::format("{} ({})", out.townships.size(), fmt::join(parts, ", "))};
    r.threshold = {fmt::format("至少{}个", settings.townships_min),
                   fmt::format("at least {}", settings.townships_min)};
    out.checks.push_back(std::move(r));
  }

  if (settings.roads) {
    ZoneCheckResult r;
    r.check = "core_minutes";
    r.threshold = {fmt::format("往返均不超过{:g}分钟", settings.core_minutes_max),
                   fmt::format("at most {:g} min each way", settings.core_minutes_max)};
    double slowest = 0;
    for (uint32_t m : layout.members) {
      const double there = links.minutes(layout.core, m), back = links.minutes(m, layout.core);
      slowest = std::max({slowest, there, back});
      if (!(there <= settings.core_minutes_max && back <= settings.core_minutes_max))
        r.failing.push_back(m);
    }
    r.pass = r.failing.empty();
    const auto slowest_text = minutes_text(slowest);
    r.value = {"最慢" + slowest_text.zh, "slowest " + slowest_text.en};
    out.checks.push_back(std::move(r));
  } else {
    out.skipped.push_back(tr("core_minutes: the store has no roads layer"));
  }

  if (settings.facilities) {
    out.checks.push_back(every_village("service_station", villages,
                                       {"每村都有，覆盖率100%", "every village (100 %)"},
                                       [&](uint32_t v) { return !facts[v].station; }));
    const geo::Bilingual reach =
        settings.roads
            ? geo::Bilingual{fmt::format("每村道路{:g}分钟或直线{:g}米内可达",
                                         settings.center_minutes, settings.center_radius_m),
                             fmt::format("every village within {:g} min on the roads or {:g} m",
                                         settings.center_minutes, settings.center_radius_m)}
            : geo::Bilingual{fmt::format("每村直线{:g}米内可达", settings.center_radius_m),
                             fmt::format("every village within {:g} m", settings.center_radius_m)};
    out.checks.push_back(every_village("party_center", villages, reach, [&](uint32_t v) {
      return !(facts[v].center_metres <= settings.center_radius_m ||
               (settings.roads && facts[v].center_minutes <= settings.center_minutes));
    }));
  } else {
    out.skipped.push_back(tr("service_station, party_center: the store has no facilities layer"));
  }

  {
    auto r = every_village("video_platform", villages, {"每村均已接入", "every village connected"},
                           [&](uint32_t v) { return facts[v].video_platform != true; });
    const auto unknown = std::count_if(villages.begin(), villages.end(), [&](uint32_t v) {
      return !facts[v].video_platform.has_value();
    });
    if (unknown > 0) append(r.value, unknown_text(unknown));
    out.checks.push_back(std::move(r));
  }

  if (settings.facilities) {
    for (size_t c = 0; c < kZoneFacilityCategories.size(); ++c) {
      ZoneCheckResult r;
      r.check = kZoneFacilityCategories[c];
      int64_t count = 0;
      for (uint32_t v : villages) count += facts[v].facilities[c];
      r.pass = count >= settings.facilities_min[c];
      r.value = {fmt::format("{}个", count), fmt::format("{}", count)};
      r.threshold = {fmt::format("至少{}个", settings.facilities_min[c]),
                     fmt::format("at least {}", settings.facilities_min[c])};
      out.checks.push_back(std::move(r));
    }
  } else {
    out.skipped.push_back(
        tr("training_center, exhibition_hall, talent_incubator, agricultural_park: the store has "
           "no facilities layer"));
  }

  if (settings.assessment) {
    auto ten = every_village("ten_good", villages,
                             {"每村十好全部达标", "every village passes the ten good standards"},
                             [&](uint32_t v) { return facts[v].ten_good_pass != true; });
    const auto unknown = std::count_if(villages.begin(), villages.end(), [&](uint32_t v) {
      return !facts[v].ten_good_pass.has_value();
    });
    if (unknown > 0) append(ten.value, unknown_text(unknown));
    out.checks.push_back(std::move(ten));
    out.checks.push_back(
        every_village("collective_income", villages,
                      {"每村集体经济收入达标", "every village meets the collective-income target"},
                      [&](uint32_t v) { return facts[v].collective_target_met != true; }));
    ZoneCheckResult r;
    r.check = "diversity";
    std::set<std::string> types;
    for (uint32_t v : villages)
      if (!facts[v].type.empty() && facts[v].type != "unknown") types.insert(facts[v].type);
    r.pass = static_cast<int64_t>(types.size()) >= settings.types_min;
    std::vector<std::string> names;
    for (const auto& t : types) {
      std::string zh;
      for (uint32_t v : villages)
        if (facts[v].type == t && !facts[v].type_zh.empty()) zh = facts[v].type_zh;
      names.push_back(zh.empty() ? t : zh);
    }
    r.value = {
        fmt::format("{}种{}", types.size(),
                    names.empty() ? std::string() : fmt::format("（{}）", fmt::join(names, "、"))),
        fmt::format("{} type{}{}", types.size(), types.size() == 1 ? "" : "s",
                    names.empty() ? std::string() : fmt::format(" ({})", fmt::join(names, "、")))};
    r.threshold = {fmt::format("至少{}种", settings.types_min),
                   fmt::format("at least {} types", settings.types_min)};
    out.checks.push_back(std::move(r));
  } else {
    out.skipped.push_back(
        tr("ten_good, collective_income, diversity: the store has no village_assessment layer "
           "(run `ruralzone villages` first)"));
  }
  return out;
}

}  // namespace rz::analysis

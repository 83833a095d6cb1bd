#include "analysis/reach/reach_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <future>
#include <map>

#include <fmt/format.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/household_persons.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

}  // namespace

const std::vector<std::string>& reach_result_layers() {
  static const std::vector<std::string> names = {"reach_households_beyond", "reach_villages",
                                                 "reach_townships", "reach_county",
                                                 "reach_service_areas"};
  return names;
}

namespace {

struct ServiceArea {
  std::string category;
  double radius_m = 0;
  int64_t facilities = 0;
  double area_m2 = 0;
  std::vector<unsigned char> wkb;
  geo::Envelope envelope;
};

// Per target: the union of the circles of its radius around its facilities, as a MultiPolygon.
std::vector<ServiceArea> dissolved_circles(const std::vector<Facility>& facilities,
                                           const ReachSettings& settings) {
  geo::GeosContext ctx;
  std::vector<ServiceArea> out;
  for (const ReachTarget& target : settings.targets) {
    std::vector<geo::Geometry> circles;
    for (const Facility& f : facilities) {
      if (f.category != target.category) continue;
      auto p = geo::make_point(ctx, f.x, f.y);
      circles.push_back(geo::buffer(ctx, p.get(), target.radius_m, 16));
    }
    if (circles.empty()) continue;
    const auto count = static_cast<int64_t>(circles.size());
    auto all = geo::collect(ctx, GEOS_GEOMETRYCOLLECTION, std::move(circles));
    // The layer is of MultiPolygons, whatever the union's type.
    auto area = geo::as_multipolygon(ctx, geo::unary_union(ctx, all.get()));
    auto e = geo::envelope(ctx, area.get());
    out.push_back({target.category,
                   target.radius_m,
                   count,
                   geo::area(ctx, area.get()),
                   geo::to_wkb(ctx, area.get()),
                   {e[0], e[1], e[2], e[3]}});
  }
  return out;
}

}  // namespace

ReachReport run_reach(geo::Store& store, const ReachSettings& settings, const ReachLayers& names) {
  geo::PhaseTimer timer("reach");
  timer.phase("read villages");
  const int srid = store.srid();
  const auto village_info = require_layer(store, names.villages, "villages", srid);
  require_layer(store, names.households, "households", srid);
  const auto facility_info = require_layer(store, names.facilities, "facilities", srid);
  // The village polygons are copied as stored, and the village seats come as import kept them
  // (geo/inner_points.hpp).
  auto villages = read_village_stored(store, village_info);
  std::optional<std::vector<geo::Point2>> seats = read_village_seats(store, village_info, villages);
  timer.phase("read facilities");
  const std::vector<Facility> facilities = read_facilities(store, facility_info);
  timer.phase("read households");
  const Households households =
      read_households(store, names.households, villages, settings.threads, true);
  store.db().exec("PRAGMA shrink_memory");
  const HouseholdPersons persons = household_persons(households);

  // The dissolved circles need only the facilities: drawn on a thread of their own while the
  // households are measured and written.
  std::future<std::vector<ServiceArea>> service_areas;
  if (settings.service_areas)
    service_areas = std::async(std::launch::async, dissolved_circles, std::cref(facilities),
                               std::cref(settings));

  timer.phase("compute");
  // Where the store keeps no seats (a store imported before it did, or a layer edited since),
  // the village shapes (through SpatiaLite, which may still be loading) are read on a thread of
  // their own while the households are measured: nothing here touches the store or `villages`
  // until they are in.
  std::future<void> shapes;
  if (!seats)
    shapes = std::async(std::launch::async, [&] {
      read_village_shapes(store, village_info, villages);
      seats = village_seats(villages);
    });
  ReachReport report;
  report.persons_known = persons.known();
  if (auto warning = persons_warning(persons, names.households,
                                     "reach_villages, reach_townships and reach_county"))
    report.warnings.push_back(*warning);
  const auto targets = target_facilities(facilities, settings);
  auto results = reach_of_households(villages.size(), households, targets, settings);
  if (shapes.valid()) shapes.get();
  add_seat_distances(results, *seats, targets);
  for (const auto& r : results)
    if (r.facilities.empty())
      report.warnings.push_back(fmt::format(
          fmt::runtime(
              tr("no facility of category {} in layer {}: every household is out of its reach")),
          in_quotes(r.target.category), in_quotes(names.facilities)));

  // Summaries per township and county.
  std::map<std::pair<std::string, std::string>, ReachSummary> townships, counties;
  for (const auto& r : results)
    for (size_t v = 0; v < villages.size(); ++v) {
      const auto& vr = r.villages[v];
      const std::string county = villages[v].code.substr(0, 6);
      auto& t = townships[{r.target.category, villages[v].township_code}];
      auto& c = counties[{r.target.category, county}];
      t.category = c.category = r.target.category;
      t.radius_m = c.radius_m = r.target.radius_m;
      t.code = villages[v].township_code;
      if (t.name.empty()) t.name = villages[v].township_name;
      c.code = county;
      for (auto* s : {&t, &c}) {
        s->households += vr.households;
        s->within += vr.within;
        s->persons += vr.persons;
        s->persons_within += vr.persons_within;
      }
    }

  timer.phase("write households");
  geo::Transaction tx(store.db());
  for (const auto& name : reach_result_layers()) store.drop_layer(name);
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  // Per-household layers show the households' own points (geo::GeometryFrom).
  auto write_household_layer = [&](const geo::LayerSchema& schema, const geo::GeometryFrom& from,
                                   auto&& fill) {
    write_result_layer(store, schema, from, fill, report.layers_written);
  };
  auto facility_name = [&](int32_t f) -> Value {
    return f < 0 ? Value() : Value(facilities[static_cast<size_t>(f)].name);
  };
  auto persons_value = [&](int64_t n) { return persons.known() ? Value(n) : Value(); };

  if (settings.households_layer) {
    // Numbers only: the household's id, its village's code and names and the facility's name
    // are read through the view from their own layers (geo::ValuesFrom).
    const geo::GeometryFrom from{
        names.households,
        "household_fid",
        {{"household_id", "id"}},
        {{names.villages,
          "village_fid",
          {{"village_code", "code"},
           {"village_name", "name"},
           {"township_code", "township_code"},
           {"township_name", "township_name"}}},
         {names.facilities, "facility_fid", {{"nearest_facility", "name"}}}}};
    write_household_layer(
        {"reach_households_beyond", "reach", GeometryKind::point,
         fields({{"household_fid", FieldType::integer},
                 {"household_id", FieldType::text},
                 {"village_fid", FieldType::integer},
                 {"village_code", FieldType::text},
                 {"village_name", FieldType::text},
                 {"township_code", FieldType::text},
                 {"township_name", FieldType::text},
                 {"category", FieldType::text},
                 {"radius_m", FieldType::real},
                 {"distance_m", FieldType::real},
                 {"facility_fid", FieldType::integer},
                 {"nearest_facility", FieldType::text}})},
        from, [&](geo::LayerWriter& w) {
          int64_t id = 0;
          // One vector for all rows: the category's text is assigned, not allocated, per row.
          std::vector<Value> values(12);
          for (const auto& r : results) {
            values[7] = r.target.category;
            values[8] = r.target.radius_m;
            for (size_t h = 0; h < households.size(); ++h) {
              if (r.distance[h] >= 0 && r.distance[h] <= r.target.radius_m) continue;
              const int32_t v = households.village[h], f = r.nearest[h];
              values[0] = households.fid[h];
              values[2] = v < 0 ? Value() : Value(villages[static_cast<size_t>(v)].fid);
              values[9] = r.distance[h] >= 0 ? Value(r.distance[h]) : Value();
              values[10] = f < 0 ? Value() : Value(facilities[static_cast<size_t>(f)].fid);
              w.add_row(++id, values, "{}");
            }
          }
        });
  }

  timer.phase("write villages");
  write_layer({"reach_villages", "reach", GeometryKind::polygon,
               fields({{"code", FieldType::text},
                       {"name", FieldType::text},
                       {"township_code", FieldType::text},
                       {"township_name", FieldType::text},
                       {"category", FieldType::text},
                       {"radius_m", FieldType::real},
                       {"households", FieldType::integer},
                       {"within", FieldType::integer},
                       {"share_within", FieldType::real},
                       {"persons", FieldType::integer},
                       {"persons_within", FieldType::integer},
                       {"seat_distance_m", FieldType::real},
                       {"seat_facility", FieldType::text}})},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& r : results)
                  for (size_t v = 0; v < villages.size(); ++v) {
                    const auto& vr = r.villages[v];
                    const Village& village = villages[v];
                    const Value share = vr.households > 0
                                            ? Value(static_cast<double>(vr.within) /
                                                    static_cast<double>(vr.households))
                                            : Value();
                    const Value seat = vr.seat_distance >= 0 ? Value(vr.seat_distance) : Value();
                    const std::vector<Value> values{village.code,
                                                    village.name,
                                                    village.township_code,
                                                    village.township_name,
                                                    r.target.category,
                                                    r.target.radius_m,
                                                    vr.households,
                                                    vr.within,
                                                    share,
                                                    persons_value(vr.persons),
                                                    persons_value(vr.persons_within),
                                                    seat,
                                                    facility_name(vr.seat_facility)};
                    if (village.stored_geometry.empty())
                      w.add_without_geometry(++id, values, "{}");
                    else
                      w.add_stored(++id, values, "{}", village.stored_geometry);
                  }
              });

  timer.phase("write townships");
  const auto township_shapes = read_township_shapes(store, names.townships);
  const auto summary_fields = fields({{"category", FieldType::text},
                                      {"radius_m", FieldType::real},
                                      {"code", FieldType::text},
                                      {"name", FieldType::text},
                                      {"households", FieldType::integer},
                                      {"within", FieldType::integer},
                                      {"share_within", FieldType::real},
                                      {"persons", FieldType::integer},
                                      {"persons_within", FieldType::integer}});
  auto summary_values = [&](const ReachSummary& s) -> std::vector<Value> {
    auto share = s.share();
    return {s.category,
            s.radius_m,
            s.code,
            s.name,
            s.households,
            s.within,
            share ? Value(*share) : Value(),
            persons_value(s.persons),
            persons_value(s.persons_within)};
  };
  write_layer({"reach_townships", "reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [key, s] : townships) {
                  auto shape = township_shapes.find(s.code);
                  if (shape != township_shapes.end() && !shape->second.empty())
                    w.add_stored(++id, summary_values(s), "{}", shape->second);
                  else
                    w.add_without_geometry(++id, summary_values(s), "{}");
                  report.townships.push_back(s);
                }
              });
  write_layer({"reach_county", "reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [key, s] : counties) {
                  w.add_without_geometry(++id, summary_values(s), "{}");
                  report.counties.push_back(s);
                }
              });
  timer.phase("write areas");
  if (settings.service_areas)
    write_layer(
        {"reach_service_areas", "reach", GeometryKind::polygon,
         fields({{"category", FieldType::text},
                 {"radius_m", FieldType::real},
                 {"facilities", FieldType::integer},
                 {"area_m2", FieldType::real}})},
        [&](geo::LayerWriter& w) {
          int64_t id = 0;
          for (ServiceArea& area : service_areas.get())
            w.add(++id,
                  std::vector<Value>{area.category, area.radius_m, area.facilities, area.area_m2},
                  "{}", area.wkb, area.envelope);
        });
  timer.phase("commit");
  tx.commit();
  return report;
}

}  // namespace rz::analysis

#include "geo/layer_copy_triggers.hpp"

#include <fmt/format.h>

#include "geo/store.hpp"

namespace rz::geo {

namespace {

constexpr const char* kEvents[] = {"insert", "update", "delete"};

std::string trigger_name(const LayerCopy& copy, const std::string& layer, const char* event) {
  return fmt::format("{}_{}_{}", copy.trigger_prefix, layer, event);
}

}  // namespace

void create_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer) {
  for (const char* event : kEvents)
    db.exec(
        fmt::format("CREATE TRIGGER {} AFTER {} ON {} BEGIN DELETE FROM {} WHERE layer='{}'; "
                    "END",
                    quote_identifier(trigger_name(copy, layer, event)), event,
                    quote_identifier(layer), copy.table, layer));
}

void drop_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer) {
  for (const char* event : kEvents)
    db.exec(fmt::format("DROP TRIGGER IF EXISTS {}",
                        quote_identifier(trigger_name(copy, layer, event))));
}

bool has_copy_triggers(Database& db, const LayerCopy& copy, const std::string& layer) {
  auto st =
      db.prepare("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name IN (?,?,?)");
  for (int i = 0; i < 3; ++i)
    st.bind(i + 1, std::string_view(trigger_name(copy, layer, kEvents[i])));
  return st.step() && st.get_int(0) == 3;
}

}  // namespace rz::geo

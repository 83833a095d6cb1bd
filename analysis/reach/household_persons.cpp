#include "analysis/reach/household_persons.hpp"

#include <fmt/format.h>

#include "geo/messages.hpp"

namespace rz::analysis {

HouseholdPersons household_persons(const Households& households) {
  HouseholdPersons out;
  out.households = static_cast<int64_t>(households.size());
  for (size_t h = 0; h < households.size(); ++h)
    out.without_persons += households.persons.empty() || households.persons[h] < 0;
  return out;
}

std::optional<std::string> persons_warning(const HouseholdPersons& persons,
                                           const std::string& layer, const std::string& results) {
  if (persons.without_persons == 0) return std::nullopt;
  if (!persons.known())
    return fmt::format(
        fmt::runtime(tr(
            "no household in layer {} has persons ({}): the persons fields of {} are left empty")),
        in_quotes(layer), "人口", results);
  return fmt::format(
      fmt::runtime(tr("{} of the {} households in layer {} have no persons ({}): they count as 0 "
                      "persons in {}")),
      persons.without_persons, persons.households, in_quotes(layer), "人口", results);
}

}  // namespace rz::analysis

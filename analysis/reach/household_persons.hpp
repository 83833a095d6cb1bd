#pragma once
// The persons of the households the reach summaries count, beside the households (issue 17:
// reach reports households and persons). A household without persons counts as 0 persons, and a
// warning says how many there are; when no household has persons the persons fields are left
// empty (null), not 0, and a warning says so once.
#include <cstdint>
#include <optional>
#include <string>

#include "analysis/common/inputs.hpp"

namespace rz::analysis {

struct HouseholdPersons {
  int64_t households = 0, without_persons = 0;
  // Some household has persons: the persons fields are written.
  bool known() const { return without_persons < households; }
};

HouseholdPersons household_persons(const Households& households);

// Persons of household h: 0 when unknown (or not read).
inline int64_t persons_of(const Households& households, size_t h) {
  if (households.persons.empty() || households.persons[h] < 0) return 0;
  return households.persons[h];
}

// The warning when some or all households of `layer` have no persons, naming the result layers
// whose persons fields that concerns (`results`: straight-line reach and reach on roads each say
// it for their own); none when all have them.
std::optional<std::string> persons_warning(const HouseholdPersons& persons,
                                           const std::string& layer, const std::string& results);

}  // namespace rz::analysis

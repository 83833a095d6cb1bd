#include "app/presentations.hpp"

#include <fmt/format.h>

#include "analysis/common/presentation.hpp"
#include "analysis/registry.hpp"
#include "geo/messages.hpp"
#include "import/kind_presentation.hpp"

namespace rz::app {

exporting::QgisExport qgis_export_for(geo::Store& store, std::vector<std::string>* warnings) {
  exporting::QgisExport out;
  out.title = "ruralzone 党建引领乡村振兴示范区 Rural revitalization demonstration zone";
  const auto layers = store.layers();
  std::vector<geo::LayerPresentation> inputs;
  // Imported layers have an import; result layers may share a kind's name (village_assessment
  // is of kind villages).
  for (const auto& info : layers)
    if (auto kind = import::parse_kind(info.schema.kind); kind && info.import_id)
      inputs.push_back(import::kind_presentation(*kind, info.schema.name));
  for (const auto& analysis : analysis::analyses()) {
    bool any = false;
    for (const auto& result : analysis.layers) {
      if (!store.layer(result.name)) continue;
      out.presentations.push_back(analysis::presentation(analysis, result));
      any = true;
    }
    if (!any && !analysis.layers.empty()) {
      if (warnings)
        warnings->push_back(
            fmt::format(fmt::runtime(tr("{}: not run, the project has no group for it")),
                        messages_in_chinese() ? analysis.title.zh : analysis.title.en));
      out.notes.push_back(fmt::format(
          "{} {}: 未运行，工程中没有它的图层组 (not run: the project has no group for it)",
          analysis.title.zh, analysis.title.en));
    }
  }
  out.presentations.insert(out.presentations.end(), inputs.begin(), inputs.end());
  return out;
}

}  // namespace rz::app

#include "analysis/common/presentation.hpp"

namespace rz::analysis {

geo::LayerPresentation presentation(const Analysis& analysis, const ResultLayer& layer) {
  geo::LayerPresentation p;
  p.layer = layer.name;
  p.group = analysis.title;
  p.title = {layer.title_zh, layer.title};
  for (const auto& f : layer.fields)
    p.fields.push_back(
        {f.name, {f.alias_zh, f.description}, f.unit, f.value_names, f.english_field});
  p.style = layer.style;
  return p;
}

}  // namespace rz::analysis

#include "export/report_build.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

namespace rz::exporting {

namespace {

using geo::ReportItem;
using geo::ReportItemKind;
using geo::Value;

// A layer's rows in memory, read once for every item that shows it.
struct LoadedLayer {
  std::vector<std::string> fields;
  std::vector<std::vector<Value>> rows;
  int index(const std::string& field) const {
    auto it = std::find(fields.begin(), fields.end(), field);
    return it == fields.end() ? -1 : static_cast<int>(it - fields.begin());
  }
};

std::optional<double> number_of(const Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) {
    double x = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), x);
    if (ec == std::errc() && end == s->data() + s->size() && !s->empty()) return x;
  }
  return std::nullopt;
}

std::string text_of(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return "";
}

// Fixed decimals without the trailing zeros: 24.33, 30, 0.5.
std::string trimmed(double x, int decimals) {
  std::string s = fmt::format("{:.{}f}", x, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

bool holds(const Value& v, const geo::RowFilter& f) {
  using Op = geo::RowFilter::Op;
  if (f.op == Op::nonempty) return !text_of(v).empty();
  int order = 0;
  const auto a = number_of(v);
  const auto b = number_of(Value(f.value));
  if (a && b)
    order = *a < *b ? -1 : (*a > *b ? 1 : 0);
  else
    order = text_of(v).compare(f.value) < 0 ? -1 : (text_of(v) == f.value ? 0 : 1);
  switch (f.op) {
    case Op::eq:
      return order == 0;
    case Op::ne:
      return order != 0;
    case Op::gt:
      return order > 0;
    case Op::ge:
      return order >= 0;
    case Op::lt:
      return order < 0;
    case Op::le:
      return order <= 0;
    case Op::nonempty:
      break;
  }
  return false;
}

std::string said(const geo::Bilingual& text, Language language) {
  return in_language(text, language);
}

class Builder {
 public:
  Builder(geo::Store& store, const ReportInput& input, Language language)
      : store_(store), input_(input), language_(language) {
    for (const auto& info : store.layers()) layers_[info.schema.name] = info;
  }

  ReportDocument build() {
    ReportDocument doc;
    doc.lang = language_ == Language::en ? "en" : "zh-CN";
    doc.title = said({"党建引领乡村振兴示范区分析报告",
                      "Party-building-led rural revitalization demonstration zone: the report"},
                     language_);
    doc.subtitle = said(
        {"由 ruralzone 根据工程存储生成", "Made by ruralzone from the project store"}, language_);
    doc.facts.push_back({said({"工程存储", "Project store"}, language_), store_.path()});
    doc.facts.push_back({said({"坐标系", "CRS"}, language_), store_.crs_name()});
    doc.facts.push_back({said({"生成日期", "Date"}, language_), today()});
    for (const auto& source : input_.sections) doc.sections.push_back(section(source));
    return doc;
  }

 private:
  static std::string today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
  }

  ReportSection section(const ReportSectionSource& source) {
    ReportSection out;
    out.title = said(source.title, language_);
    out.ran = source.ran;
    if (!source.ran) {
      out.blocks.push_back(note(said({"未运行：工程存储中没有这项分析的结果图层。",
                                      "Not run: the project store has none of its result layers."},
                                     language_)));
      return out;
    }
    if (!source.spec.question.zh.empty()) {
      ReportBlock q;
      q.kind = ReportBlock::Kind::paragraph;
      q.text = said(source.spec.question, language_);
      out.blocks.push_back(q);
    }
    for (const auto& item : source.spec.items) add_item(out, source, item);
    return out;
  }

  static ReportBlock note(std::string text) {
    ReportBlock b;
    b.kind = ReportBlock::Kind::note;
    b.text = std::move(text);
    return b;
  }

  const LoadedLayer* loaded(const std::string& name) {
    if (auto it = loaded_.find(name); it != loaded_.end()) return &it->second;
    auto info = layers_.find(name);
    if (info == layers_.end()) return nullptr;
    LoadedLayer layer;
    for (const auto& f : info->second.schema.fields) layer.fields.push_back(f.name);
    store_.read_attributes(name,
                           [&](const geo::FeatureRow& row) { layer.rows.push_back(row.values); });
    return &loaded_.emplace(name, std::move(layer)).first->second;
  }

  const geo::LayerPresentation* presentation(const std::string& layer) const {
    for (const auto& p : input_.presentations.presentations)
      if (p.layer == layer) return &p;
    return nullptr;
  }

  std::string header(const std::string& layer, const std::string& field) const {
    if (const auto* p = presentation(layer))
      if (auto alias = geo::field_alias(*p, field)) return said(*alias, language_);
    return field;
  }

  std::string unit(const std::string& layer, const std::string& field) const {
    if (const auto* p = presentation(layer)) {
      for (const auto& f : p->fields)
        if (f.name == field) return f.unit;
      // A family's field (within_15min_share): the unit of the declaration it comes from.
      if (field.ends_with("_share")) return "share";
    }
    return "";
  }

  const geo::FieldPresentation* declared(const std::string& layer, const std::string& field) const {
    if (const auto* p = presentation(layer))
      for (const auto& f : p->fields)
        if (f.name == field) return &f;
    return nullptr;
  }

  std::string value(const std::string& layer, const std::string& field, const Value& v,
                    const ReportItem& item) const {
    const bool yes_no = std::find(item.yes_no_fields.begin(), item.yes_no_fields.end(), field) !=
                        item.yes_no_fields.end();
    if (const auto* s = std::get_if<std::string>(&v))
      if (const auto* f = declared(layer, field))
        if (auto name = geo::value_name(*f, *s)) return said(*name, language_);
    if (input_.value_name)
      if (const auto* s = std::get_if<std::string>(&v))
        if (auto name = input_.value_name(field, *s)) return said(*name, language_);
    return report_value(v, unit(layer, field), yes_no, language_);
  }

  // The cell of `field` in a row: its value, or for a text declared with an English field, the
  // text in the report's language.
  std::string cell(const std::string& layer_name, const LoadedLayer& layer,
                   const std::string& field, const std::vector<Value>& row,
                   const ReportItem& item) const {
    const int at = layer.index(field);
    if (at < 0) return "–";
    if (const auto* f = declared(layer_name, field);
        f && !f->english_field.empty() && language_ != Language::zh)
      if (const int en = layer.index(f->english_field); en >= 0) {
        const std::string chinese = text_of(row[at]), english = text_of(row[en]);
        if (!chinese.empty() || !english.empty()) return said({chinese, english}, language_);
      }
    return value(layer_name, field, row[at], item);
  }

  // The rows of an item: filtered, in its order.
  std::vector<const std::vector<Value>*> rows_of(const LoadedLayer& layer, const ReportItem& item,
                                                 const std::optional<std::string>& split) {
    std::vector<std::pair<int, const geo::RowFilter*>> filters;
    for (const auto& f : item.filters) filters.push_back({layer.index(f.field), &f});
    const int split_at = item.split_field.empty() ? -1 : layer.index(item.split_field);
    std::vector<const std::vector<Value>*> rows;
    for (const auto& row : layer.rows) {
      if (split && split_at >= 0 && text_of(row[split_at]) != *split) continue;
      bool ok = true;
      for (const auto& [at, f] : filters)
        if (at < 0 || !holds(row[at], *f)) ok = false;
      if (ok) rows.push_back(&row);
    }
    if (!item.order_by.empty())
      if (const int at = layer.index(item.order_by); at >= 0)
        std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
          const auto x = number_of((*a)[at]), y = number_of((*b)[at]);
          if (x && y) return item.descending ? *x > *y : *x < *y;
          return item.descending ? text_of((*a)[at]) > text_of((*b)[at])
                                 : text_of((*a)[at]) < text_of((*b)[at]);
        });
    return rows;
  }

  // A lookup's values by key, from the store's input layer of its kind.
  const std::map<std::string, std::string>* lookup(const geo::Lookup& l) {
    const std::string id = l.kind + "\x1f" + l.key + "\x1f" + l.value;
    if (auto it = lookups_.find(id); it != lookups_.end()) return &it->second;
    for (const auto& [name, info] : layers_) {
      if (info.schema.kind != l.kind || !info.import_id) continue;
      const auto* layer = loaded(name);
      const int key = layer->index(l.key), value = layer->index(l.value);
      if (key < 0 || value < 0) continue;
      std::map<std::string, std::string> values;
      for (const auto& row : layer->rows) values.emplace(text_of(row[key]), text_of(row[value]));
      return &lookups_.emplace(id, std::move(values)).first->second;
    }
    return nullptr;
  }

  void add_item(ReportSection& out, const ReportSectionSource& source, const ReportItem& item) {
    if (item.kind == ReportItemKind::map) {
      add_map(out, source);
      return;
    }
    const auto* layer = loaded(item.layer);
    if (!layer) {
      out.blocks.push_back(note(fmt::format("{}: {}", said(item.title, language_),
                                            said({"图层 " + item.layer + " 不在工程存储中",
                                                  "layer " + item.layer + " is not in the store"},
                                                 language_))));
      return;
    }
    std::vector<std::optional<std::string>> splits{std::nullopt};
    if (const int at = item.split_field.empty() ? -1 : layer->index(item.split_field); at >= 0) {
      splits.clear();
      for (const auto& row : layer->rows) {
        const std::string v = text_of(row[at]);
        if (std::find(splits.begin(), splits.end(), std::optional(v)) == splits.end())
          splits.push_back(v);
      }
    }
    for (const auto& split : splits) {
      std::string title = said(item.title, language_);
      if (split) title += " — " + value(item.layer, item.split_field, Value(*split), item);
      const auto rows = rows_of(*layer, item, split);
      switch (item.kind) {
        case ReportItemKind::figures:
          add_figures(out, *layer, item, title, rows);
          break;
        case ReportItemKind::table:
          add_table(out, *layer, item, title, rows);
          break;
        case ReportItemKind::bar_chart:
          add_bars(out, *layer, item, title, rows);
          break;
        case ReportItemKind::histogram:
          add_histogram(out, *layer, item, title, rows);
          break;
        case ReportItemKind::name_list:
          add_names(out, *layer, item, title, rows);
          break;
        case ReportItemKind::side_by_side:
          add_side_by_side(out, *layer, item, title);
          break;
        case ReportItemKind::map:
          break;
      }
    }
  }

  void add_figures(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                   const std::string& title, const std::vector<const std::vector<Value>*>& rows) {
    for (const auto* row : rows) {
      ReportBlock b;
      b.kind = ReportBlock::Kind::figures;
      b.title = title;
      for (const auto& f : item.fields)
        if (const int at = layer.index(f); at >= 0)
          b.figures.push_back({header(item.layer, f), cell(item.layer, layer, f, *row, item)});
      out.blocks.push_back(std::move(b));
    }
  }

  void add_table(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                 const std::string& title, const std::vector<const std::vector<Value>*>& rows) {
    if (rows.empty()) {
      out.blocks.push_back(
          note(title + ": " +
               (item.empty_text.zh.empty() ? said({"没有记录。", "No rows."}, language_)
                                           : said(item.empty_text, language_))));
      return;
    }
    ReportBlock b;
    b.kind = ReportBlock::Kind::table;
    b.title = title;
    std::vector<int> columns;
    for (const auto& f : item.fields)
      if (const int at = layer.index(f); at >= 0) {
        columns.push_back(at);
        b.table.headers.push_back(header(item.layer, f));
        b.table.numeric.push_back(!rows.empty() &&
                                  !std::holds_alternative<std::string>((*rows[0])[at]));
      }
    std::vector<std::pair<int, const std::map<std::string, std::string>*>> looked;
    for (const auto& l : item.lookups)
      if (const int via = layer.index(l.via); via >= 0)
        if (const auto* values = lookup(l)) {
          looked.push_back({via, values});
          b.table.headers.push_back(said(l.title, language_));
          b.table.numeric.push_back(false);
        }
    const int64_t limit = item.limit > 0 ? item.limit : input_.max_table_rows;
    for (size_t r = 0; r < rows.size() && static_cast<int64_t>(r) < limit; ++r) {
      std::vector<std::string> cells;
      for (size_t c = 0; c < columns.size(); ++c)
        cells.push_back(cell(item.layer, layer, layer.fields[columns[c]], *rows[r], item));
      for (const auto& [via, values] : looked) {
        auto it = values->find(text_of((*rows[r])[via]));
        cells.push_back(it == values->end() ? "–" : it->second);
      }
      b.table.rows.push_back(std::move(cells));
    }
    out.blocks.push_back(std::move(b));
    if (static_cast<int64_t>(rows.size()) > limit)
      out.blocks.push_back(note(said(
          {fmt::format("仅列出前 {} 行，共 {} 行；完整表格见工作簿和 GeoPackage 图层 {}。", limit,
                       rows.size(), item.layer),
           fmt::format("The first {} of {} rows; the workbook and the GeoPackage layer {} hold "
                       "them all.",
                       limit, rows.size(), item.layer)},
          language_)));
  }

  void add_bars(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                const std::string& title, std::vector<const std::vector<Value>*> rows) {
    const int label = layer.index(item.label_field), at = layer.index(item.value_field);
    if (label < 0 || at < 0 || rows.empty()) return;
    constexpr size_t kBars = 40;
    const size_t all = rows.size();
    // Past a page of bars (a province's townships), the lowest: those that need attention.
    if (all > kBars) {
      std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
        return number_of((*a)[at]).value_or(0) < number_of((*b)[at]).value_or(0);
      });
      rows.resize(kBars);
    }
    ReportBlock b;
    b.kind = ReportBlock::Kind::chart;
    b.title = title;
    b.chart.percent = unit(item.layer, item.value_field) == "share";
    for (const auto* row : rows) {
      b.chart.labels.push_back(text_of((*row)[label]));
      b.chart.values.push_back(number_of((*row)[at]).value_or(0));
    }
    out.blocks.push_back(std::move(b));
    if (all > kBars)
      out.blocks.push_back(note(said({fmt::format("共 {} 项，图中为数值最低的 {} 项。", all, kBars),
                                      fmt::format("The lowest {} of {}.", kBars, all)},
                                     language_)));
  }

  void add_histogram(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                     const std::string& title, const std::vector<const std::vector<Value>*>& rows) {
    const int at = layer.index(item.value_field);
    if (at < 0) return;
    std::vector<double> values;
    for (const auto* row : rows)
      if (auto x = number_of((*row)[at]); x && std::isfinite(*x)) values.push_back(*x);
    if (values.empty()) return;
    const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
    const double lo = *lo_it, hi = *hi_it;
    const int bins = hi > lo ? std::max(1, item.bins) : 1;
    const double width = hi > lo ? (hi - lo) / bins : 1;
    std::vector<double> counts(bins, 0);
    for (double x : values) counts[std::min(bins - 1, static_cast<int>((x - lo) / width))] += 1;
    ReportBlock b;
    b.kind = ReportBlock::Kind::chart;
    b.title = title;
    const int decimals = hi - lo >= 10 * bins ? 0 : 1;
    for (int i = 0; i < bins; ++i) {
      b.chart.labels.push_back(hi > lo ? fmt::format("{}–{}", trimmed(lo + i * width, decimals),
                                                     trimmed(lo + (i + 1) * width, decimals))
                                       : trimmed(lo, 2));
      b.chart.values.push_back(counts[i]);
    }
    out.blocks.push_back(std::move(b));
  }

  void add_names(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                 const std::string& title, const std::vector<const std::vector<Value>*>& rows) {
    const int label = layer.index(item.label_field);
    if (label < 0) return;
    int context = item.context_field.empty() ? -1 : layer.index(item.context_field);
    const std::map<std::string, std::string>* looked = nullptr;
    int via = -1;
    if (context < 0 && !item.lookups.empty())
      if ((via = layer.index(item.lookups[0].via)) >= 0) looked = lookup(item.lookups[0]);
    ReportBlock b;
    b.kind = ReportBlock::Kind::names;
    b.title = fmt::format("{}（{}）", title, rows.size());
    if (rows.empty()) {
      b.text = said(item.empty_text, language_);
      out.blocks.push_back(std::move(b));
      return;
    }
    constexpr size_t kNames = 300;
    const std::string comma = language_ == Language::en ? ", " : "、";
    for (size_t i = 0; i < rows.size() && i < kNames; ++i) {
      if (i) b.text += comma;
      b.text += text_of((*rows[i])[label]);
      std::string where;
      if (context >= 0) where = text_of((*rows[i])[context]);
      if (looked && via >= 0)
        if (auto it = looked->find(text_of((*rows[i])[via])); it != looked->end())
          where = it->second;
      if (!where.empty())
        b.text += (language_ == Language::en ? " (" : "（") + where +
                  (language_ == Language::en ? ")" : "）");
    }
    if (rows.size() > kNames)
      b.text += said({fmt::format(" 等，共 {} 个", rows.size()),
                      fmt::format(" and {} more", rows.size() - kNames)},
                     language_);
    out.blocks.push_back(std::move(b));
  }

  void add_side_by_side(ReportSection& out, const LoadedLayer& layer, const ReportItem& item,
                        const std::string& title) {
    const auto* other = loaded(item.other_layer);
    const int key = layer.index(item.key_field);
    if (!other || key < 0) {
      out.blocks.push_back(
          note(title + ": " + said({"缺少对比方案。", "nothing to compare with."}, language_)));
      return;
    }
    const int other_key = other->index(item.key_field);
    ReportBlock b;
    b.kind = ReportBlock::Kind::table;
    b.title = title;
    b.table.headers.push_back(header(item.layer, item.key_field));
    b.table.numeric.push_back(false);
    const std::string first = said(item.first_name, language_),
                      second = said(item.second_name, language_);
    for (const auto& f : item.fields)
      for (const auto* which : {&first, &second}) {
        b.table.headers.push_back(header(item.layer, f) + "（" + *which + "）");
        b.table.numeric.push_back(false);
      }
    std::vector<std::string> keys;
    for (const auto* l : {&layer, other})
      for (const auto& row : l->rows) {
        const int k = l == &layer ? key : other_key;
        if (k < 0) continue;
        const auto v = text_of(row[k]);
        if (std::find(keys.begin(), keys.end(), v) == keys.end()) keys.push_back(v);
      }
    auto find = [](const LoadedLayer& l, int k, const std::string& v) -> const std::vector<Value>* {
      if (k < 0) return nullptr;
      for (const auto& row : l.rows)
        if (text_of(row[k]) == v) return &row;
      return nullptr;
    };
    for (const auto& k : keys) {
      std::vector<std::string> cells{value(item.layer, item.key_field, Value(k), item)};
      const auto* a = find(layer, key, k);
      const auto* c = find(*other, other_key, k);
      for (const auto& f : item.fields) {
        cells.push_back(a ? cell(item.layer, layer, f, *a, item) : "–");
        cells.push_back(c ? cell(item.other_layer, *other, f, *c, item) : "–");
      }
      b.table.rows.push_back(std::move(cells));
    }
    out.blocks.push_back(std::move(b));
  }

  void add_map(ReportSection& out, const ReportSectionSource& source) {
    const std::string title = source.title.zh + "　" + source.title.en;
    for (const auto& map : input_.maps) {
      if (map.title != title) continue;
      std::ifstream in(map.path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      ReportBlock b;
      b.kind = ReportBlock::Kind::map;
      b.title = said({"地图", "Map"}, language_);
      b.png = bytes.str();
      // A PNG's width and height: big-endian, at bytes 16 and 20.
      auto be32 = [&](size_t at) {
        uint32_t v = 0;
        for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(b.png[at + i]);
        return v;
      };
      if (b.png.size() > 24 && be32(16) > 0) b.aspect = double(be32(20)) / be32(16);
      for (const auto& n : map.notes) b.text += (b.text.empty() ? "" : "; ") + n;
      out.blocks.push_back(std::move(b));
      return;
    }
  }

  geo::Store& store_;
  const ReportInput& input_;
  Language language_;
  std::map<std::string, geo::LayerInfo> layers_;
  std::map<std::string, LoadedLayer> loaded_;
  std::map<std::string, std::map<std::string, std::string>> lookups_;
};

}  // namespace

std::string report_value(const geo::Value& value, const std::string& unit, bool yes_no,
                         Language language) {
  if (std::holds_alternative<std::monostate>(value)) return "–";
  if (yes_no) {
    if (auto x = number_of(value))
      return *x != 0 ? in_language({"是", "yes"}, language) : in_language({"否", "no"}, language);
  }
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  const double x = std::get<double>(value);
  if (!std::isfinite(x)) return "–";
  if (unit == "share") return trimmed(x * 100, 1) + "%";
  if (unit == "m²" || unit == "m" || unit == "households" || unit == "persons")
    return trimmed(x, 0);
  if (unit == "min") return trimmed(x, 1);
  return trimmed(x, 2);
}

ReportDocument build_report(geo::Store& store, const ReportInput& input, Language language) {
  return Builder(store, input, language).build();
}

}  // namespace rz::exporting

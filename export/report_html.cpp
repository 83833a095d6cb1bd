#include "export/report_html.hpp"

#include <fmt/format.h>

#include "export/html_text.hpp"
#include "export/report_chart.hpp"

namespace rz::exporting {

namespace {

constexpr const char* kStyle = R"(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;
color:#222;background:#fff}
main{max-width:1000px;margin:0 auto;padding:24px 32px}
h1{font-size:26px;margin:0 0 4px;color:#b2182b}
h2{font-size:21px;border-bottom:2px solid #b2182b;padding-bottom:4px;margin-top:36px}
h3{font-size:16px;margin:22px 0 8px}
.subtitle{color:#555;margin:0 0 12px}
.facts td{padding:2px 12px 2px 0;color:#444}
.question{font-size:15px;color:#333;background:#f6f1e7;padding:8px 12px;border-left:4px solid #b2182b}
.note{color:#666;font-size:13px}
.notrun{color:#a50f15;font-weight:bold}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px;margin:0}
dl.figures div{background:#f7f7f7;padding:6px 10px;border-radius:4px}
dl.figures dt{font-size:12px;color:#555}
dl.figures dd{margin:0;font-size:18px;font-weight:bold}
table.data{border-collapse:collapse;font-size:13px;width:100%}
table.data th{background:#eee;text-align:left;padding:4px 6px;border-bottom:1px solid #999;position:sticky;top:0}
table.data td{padding:3px 6px;border-bottom:1px solid #ddd}
table.data td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-height:520px;overflow:auto;border:1px solid #ddd}
.names{line-height:1.7}
nav a{margin-right:14px}
img.map{width:100%;border:1px solid #ccc}
svg.chart text{font-size:11px;fill:#333}
)";

std::string chart_svg(const ReportChart& chart) {
  const auto d = layout_chart(chart);
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "width=\"100%\" style=\"max-width:{}px\">",
      d.width, d.height, d.width);
  for (const auto& b : d.bars)
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\"/>",
        b.x, b.y, b.w, b.h, d.colour);
  for (const auto& l : d.lines)
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\"/>", l[0],
                       l[1], l[2], l[3]);
  for (const auto& t : d.texts)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text>", t.x, t.y,
                       t.right_aligned ? " text-anchor=\"end\"" : "", html_escape(t.text));
  return out + "</svg>\n";
}

std::string block_html(const ReportBlock& b) {
  using Kind = ReportBlock::Kind;
  std::string out;
  if (!b.title.empty() && b.kind != Kind::paragraph && b.kind != Kind::note)
    out += "<h3>" + html_escape(b.title) + "</h3>\n";
  switch (b.kind) {
    case Kind::paragraph:
      out += "<p class=\"question\">" + html_escape(b.text) + "</p>\n";
      break;
    case Kind::note:
      out += "<p class=\"note\">" + html_escape(b.text) + "</p>\n";
      break;
    case Kind::names:
      out += "<p class=\"names\">" + html_escape(b.text) + "</p>\n";
      break;
    case Kind::figures:
      out += "<dl class=\"figures\">";
      for (const auto& [label, value] : b.figures)
        out += "<div><dt>" + html_escape(label) + "</dt><dd>" + html_escape(value) + "</dd></div>";
      out += "</dl>\n";
      break;
    case Kind::table: {
      out += "<div class=\"scroll\"><table class=\"data\"><thead><tr>";
      for (const auto& h : b.table.headers) out += "<th>" + html_escape(h) + "</th>";
      out += "</tr></thead><tbody>\n";
      for (const auto& row : b.table.rows) {
        out += "<tr>";
        for (size_t c = 0; c < row.size(); ++c)
          out += (c < b.table.numeric.size() && b.table.numeric[c] ? "<td class=\"n\">" : "<td>") +
                 html_escape(row[c]) + "</td>";
        out += "</tr>\n";
      }
      out += "</tbody></table></div>\n";
      break;
    }
    case Kind::chart:
      out += chart_svg(b.chart);
      break;
    case Kind::map:
      out += "<img class=\"map\" alt=\"" + html_escape(b.title) +
             "\" src=\"data:image/png;base64," + base64(b.png) + "\">\n";
      if (!b.text.empty()) out += "<p class=\"note\">" + html_escape(b.text) + "</p>\n";
      break;
  }
  return out;
}

}  // namespace

std::string report_html(const ReportDocument& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(doc.lang) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    html_escape(doc.title) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>" + html_escape(doc.title) + "</h1>\n<p class=\"subtitle\">" +
         html_escape(doc.subtitle) + "</p>\n<table class=\"facts\">";
  for (const auto& [k, v] : doc.facts)
    out += "<tr><td>" + html_escape(k) + "</td><td>" + html_escape(v) + "</td></tr>";
  out += "</table>\n<nav>";
  for (size_t i = 0; i < doc.sections.size(); ++i)
    out += fmt::format("<a href=\"#s{}\">{}</a>", i + 1, html_escape(doc.sections[i].title));
  out += "</nav>\n";
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    out += fmt::format("<section id=\"s{}\"{}>\n<h2>{}. {}</h2>\n", i + 1,
                       s.ran ? "" : " class=\"notrun\"", i + 1, html_escape(s.title));
    for (const auto& b : s.blocks) out += block_html(b);
    out += "</section>\n";
  }
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace rz::exporting

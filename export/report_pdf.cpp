#include "export/report_pdf.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "export/report_chart.hpp"
#include "geo/canvas.hpp"

namespace rz::exporting {

namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kPageW = 210, kPageH = 297, kLeft = 16, kTop = 18, kBottom = 279;
constexpr double kWidth = kPageW - 2 * kLeft;
const geo::Rgba kInk = geo::rgba("#222222");
const geo::Rgba kRed = geo::rgba("#b2182b");
const geo::Rgba kGrey = geo::rgba("#666666");

class PdfWriter {
 public:
  PdfWriter(const ReportDocument& doc, const std::string& path)
      : doc_(doc), canvas_(geo::CanvasFormat::pdf, path, kPageW, kPageH, 72) {}

  void write() {
    text(doc_.title, 17, kRed, true);
    text(doc_.subtitle, 9, kGrey);
    for (const auto& [k, v] : doc_.facts) text(k + "：" + v, 8, kGrey);
    y_ += 4;
    for (size_t i = 0; i < doc_.sections.size(); ++i) {
      const auto& s = doc_.sections[i];
      // Each analysis starts a page, as a chapter of a printed report.
      if (i > 0) page();
      text(fmt::format("{}. {}", i + 1, s.title), 14, kRed, true);
      canvas_.move_to(kLeft, y_);
      canvas_.line_to(kLeft + kWidth, y_);
      canvas_.stroke(kRed, 0.5);
      y_ += 3;
      for (const auto& b : s.blocks) block(b);
    }
    footer();
    canvas_.finish();
  }

 private:
  void page() {
    footer();
    canvas_.new_page();
    ++page_;
    y_ = kTop;
  }

  void footer() {
    canvas_.text(fmt::format("— {} —", page_), kPageW / 2 - 5, kPageH - 12, kFont, 7, kGrey);
  }

  void ensure(double height) {
    if (y_ + height > kBottom && y_ > kTop) page();
  }

  // Text that wraps at the page width; a paragraph taller than a page goes on over pages at
  // its separators (a long list of village names).
  void text(const std::string& t, double points, const geo::Rgba& colour, bool bold = false,
            double indent = 0) {
    if (t.empty()) return;
    const double wrap = kWidth - indent;
    const auto size = canvas_.measure(t, kFont, points, bold, wrap);
    if (size.height > kBottom - kTop - 10) {
      const std::string sep = t.find("、") != std::string::npos ? "、" : ", ";
      size_t start = 0;
      while (start < t.size()) {
        size_t end = std::min(t.size(), start + 1500);
        if (end < t.size()) {
          const size_t at = t.rfind(sep, end);
          if (at != std::string::npos && at > start) end = at + sep.size();
        }
        text(t.substr(start, end - start), points, colour, bold, indent);
        start = end;
      }
      return;
    }
    ensure(size.height);
    canvas_.text(t, kLeft + indent, y_, kFont, points, colour, bold, wrap);
    y_ += size.height + 1.2;
  }

  void block(const ReportBlock& b) {
    using Kind = ReportBlock::Kind;
    if (!b.title.empty() && b.kind != Kind::paragraph && b.kind != Kind::note) {
      // A heading stays with the start of what it heads (a map with all of it).
      ensure(b.kind == Kind::map ? map_size(b).second + 10 : 20);
      y_ += 2;
      text(b.title, 10.5, kInk, true);
    }
    switch (b.kind) {
      case Kind::paragraph:
        text(b.text, 9, kInk);
        break;
      case Kind::note:
        text(b.text, 7.5, kGrey);
        break;
      case Kind::names:
        text(b.text, 8.5, kInk);
        break;
      case Kind::figures:
        figures(b);
        break;
      case Kind::table:
        table(b.table);
        break;
      case Kind::chart:
        chart(b.chart);
        break;
      case Kind::map:
        map(b);
        break;
    }
    y_ += 1.5;
  }

  void figures(const ReportBlock& b) {
    constexpr int kColumns = 3;
    constexpr double kCell = kWidth / kColumns, kHeight = 11;
    for (size_t i = 0; i < b.figures.size(); i += kColumns) {
      ensure(kHeight);
      for (size_t j = i; j < std::min(b.figures.size(), i + kColumns); ++j) {
        const double x = kLeft + static_cast<double>(j - i) * kCell;
        canvas_.rectangle(x, y_, kCell - 2, kHeight - 1.5);
        canvas_.fill(geo::rgba("#f4f4f4"));
        canvas_.text(b.figures[j].first, x + 1.5, y_ + 0.6, kFont, 6.5, kGrey, false, kCell - 4);
        canvas_.text(b.figures[j].second, x + 1.5, y_ + 4.2, kFont, 10, kInk, true, kCell - 4);
      }
      y_ += kHeight;
    }
  }

  void table(const ReportTable& t) {
    constexpr double kPoints = 6.5, kPad = 0.8;
    const size_t columns = t.headers.size();
    if (columns == 0) return;
    // Column widths from the widest text of the first rows, each within 9-55 mm, scaled to
    // the page width.
    std::vector<double> width(columns, 9);
    auto widen = [&](size_t c, const std::string& s, bool bold) {
      width[c] = std::max(
          width[c], std::min(55.0, canvas_.measure(s, kFont, kPoints, bold).width + 2 * kPad));
    };
    for (size_t c = 0; c < columns; ++c) widen(c, t.headers[c], true);
    for (size_t r = 0; r < std::min<size_t>(t.rows.size(), 60); ++r)
      for (size_t c = 0; c < columns && c < t.rows[r].size(); ++c) widen(c, t.rows[r][c], false);
    double total = 0;
    for (double w : width) total += w;
    const double scale = kWidth / total;
    for (double& w : width) w *= scale;

    auto row_height = [&](const std::vector<std::string>& cells, bool bold) {
      double h = 0;
      for (size_t c = 0; c < columns && c < cells.size(); ++c)
        h = std::max(h,
                     canvas_.measure(cells[c], kFont, kPoints, bold, width[c] - 2 * kPad).height);
      return h + 2 * kPad;
    };
    auto draw_row = [&](const std::vector<std::string>& cells, bool header, double h) {
      if (header) {
        canvas_.rectangle(kLeft, y_, kWidth, h);
        canvas_.fill(geo::rgba("#e8e8e8"));
      }
      double x = kLeft;
      for (size_t c = 0; c < columns; ++c) {
        const std::string& s = c < cells.size() ? cells[c] : std::string();
        double tx = x + kPad;
        if (!header && c < t.numeric.size() && t.numeric[c]) {
          const double w = canvas_.measure(s, kFont, kPoints).width;
          if (w < width[c] - 2 * kPad) tx = x + width[c] - kPad - w;
        }
        canvas_.text(s, tx, y_ + kPad, kFont, kPoints, kInk, header, width[c] - 2 * kPad);
        x += width[c];
      }
      canvas_.move_to(kLeft, y_ + h);
      canvas_.line_to(kLeft + kWidth, y_ + h);
      canvas_.stroke(geo::rgba("#cccccc"), 0.15);
      y_ += h;
    };
    const double header_h = row_height(t.headers, true);
    ensure(header_h + 6);
    draw_row(t.headers, true, header_h);
    for (const auto& row : t.rows) {
      const double h = row_height(row, false);
      if (y_ + h > kBottom) {
        page();
        draw_row(t.headers, true, header_h);
      }
      draw_row(row, false, h);
    }
  }

  void chart(const ReportChart& c) {
    const auto d = layout_chart(c);
    const double s = kWidth / d.width;
    ensure(d.height * s);
    const double x0 = kLeft, y0 = y_;
    for (const auto& b : d.bars) {
      canvas_.rectangle(x0 + b.x * s, y0 + b.y * s, b.w * s, b.h * s);
      canvas_.fill(geo::rgba(d.colour));
    }
    for (const auto& l : d.lines) {
      canvas_.move_to(x0 + l[0] * s, y0 + l[1] * s);
      canvas_.line_to(x0 + l[2] * s, y0 + l[3] * s);
      canvas_.stroke(geo::rgba("#555555"), 0.2);
    }
    const double points = 7;
    for (const auto& t : d.texts) {
      const auto size = canvas_.measure(t.text, kFont, points);
      // The drawing's y is a baseline; the canvas places text by its top.
      const double top = y0 + t.y * s - size.height * 0.8;
      const double x = t.right_aligned ? x0 + t.x * s - size.width : x0 + t.x * s;
      canvas_.text(t.text, std::max(kLeft, x), top, kFont, points, kInk);
    }
    y_ += d.height * s;
  }

  // A map's width and height on the page: the page's width, or less when it would be taller
  // than a page.
  static std::pair<double, double> map_size(const ReportBlock& b) {
    double w = kWidth, h = kWidth * b.aspect;
    if (h > kBottom - kTop - 16) {
      h = kBottom - kTop - 16;
      w = h / b.aspect;
    }
    return {w, h};
  }

  void map(const ReportBlock& b) {
    const auto [w, h] = map_size(b);
    ensure(h);
    canvas_.image_png(b.png, kLeft + (kWidth - w) / 2, y_, w, h);
    y_ += h + 1;
    text(b.text, 7, kGrey);
  }

  const ReportDocument& doc_;
  geo::Canvas canvas_;
  double y_ = kTop;
  int page_ = 1;
};

}  // namespace

void write_report_pdf(const ReportDocument& document, const std::string& path) {
  PdfWriter(document, path).write();
}

}  // namespace rz::exporting

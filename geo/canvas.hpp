#pragma once
// A drawing surface for printed maps, RAII over cairo and pango: PNG (raster, at a DPI), PDF and
// SVG (true vector, text as shaped glyphs with the font embedded). Coordinates are millimetres
// on the page, y downwards; text is laid out by pango, so Chinese is shaped and wrapped right.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rz::geo {

enum class CanvasFormat { png, pdf, svg };

struct Rgba {
  double r = 0, g = 0, b = 0, a = 1;
};
// "#rrggbb" with an opacity; black for another form.
Rgba rgba(const std::string& hex, double opacity = 1);

struct TextSize {
  double width = 0, height = 0;  // mm
};

class Canvas {
 public:
  // Writes `path` when finish() is called (PNG) or as it draws (PDF, SVG).
  Canvas(CanvasFormat format, const std::string& path, double width_mm, double height_mm,
         double dpi);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }

  // Paths: rings and lines in page millimetres.
  void move_to(double x, double y);
  void line_to(double x, double y);
  void close_path();
  void rectangle(double x, double y, double w, double h);
  void circle(double x, double y, double radius);
  void fill(const Rgba& colour, bool keep = false);
  void stroke(const Rgba& colour, double width_mm, bool keep = false);
  // Even-odd filling, so that a polygon's holes stay open.
  void set_even_odd(bool on);
  void clip_rectangle(double x, double y, double w, double h);
  void reset_clip();
  void save();
  void restore();
  // Diagonal hatching over the current path's area (the path stays, for an outline).
  void hatch(const Rgba& colour, double spacing_mm, double line_mm);
  void new_path();

  // Text in `font` (a family, "Noto Sans CJK SC"), size in points, top-left at (x, y).
  TextSize measure(const std::string& text, const std::string& font, double points,
                   bool bold = false, double wrap_mm = 0);
  void text(const std::string& text, double x, double y, const std::string& font, double points,
            const Rgba& colour, bool bold = false, double wrap_mm = 0, double halo_mm = 0);

  // A PNG image (its file's bytes) scaled into the box; DataError when it is no PNG.
  void image_png(const std::string& png, double x, double y, double w, double h);
  // Ends this page and starts the next one of the same size (PDF, SVG).
  void new_page();

  // Ends the page and writes the file; throws DataError naming the file when cairo fails.
  void finish();

  // The family fontconfig actually gives for `family` (to tell a missing font).
  static std::string matched_font(const std::string& family);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double width_, height_;
};

}  // namespace rz::geo

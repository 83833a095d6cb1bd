#include "geo/canvas.hpp"

#include <cstring>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <cmath>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/presentation.hpp"

namespace rz::geo {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

}  // namespace

Rgba rgba(const std::string& h, double opacity) {
  const auto rgb = rgb_of(h);
  if (!rgb) return {0, 0, 0, opacity};
  return {(*rgb)[0] / 255.0, (*rgb)[1] / 255.0, (*rgb)[2] / 255.0, opacity};
}

struct Canvas::Impl {
  CanvasFormat format;
  std::string path;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  bool finished = false;

  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  PangoLayout* layout(const std::string& text, const std::string& font, double points, bool bold,
                      double wrap_mm) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, font.c_str());
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Page units are mm: a point is 1/72 inch.
    pango_font_description_set_absolute_size(d, points / kPointsPerMm * PANGO_SCALE);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    if (wrap_mm > 0) {
      pango_layout_set_width(l, static_cast<int>(wrap_mm * PANGO_SCALE));
      pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    return l;
  }
};

Canvas::Canvas(CanvasFormat format, const std::string& path, double width_mm, double height_mm,
               double dpi)
    : impl_(std::make_unique<Impl>()), width_(width_mm), height_(height_mm) {
  impl_->format = format;
  impl_->path = path;
  double scale = kPointsPerMm;  // PDF and SVG surfaces measure in points
  if (format == CanvasFormat::png) {
    scale = dpi / 25.4;
    impl_->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                static_cast<int>(std::lround(width_mm * scale)),
                                                static_cast<int>(std::lround(height_mm * scale)));
  } else if (format == CanvasFormat::pdf) {
    impl_->surface =
        cairo_pdf_surface_create(path.c_str(), width_mm * kPointsPerMm, height_mm * kPointsPerMm);
  } else {
    impl_->surface =
        cairo_svg_surface_create(path.c_str(), width_mm * kPointsPerMm, height_mm * kPointsPerMm);
  }
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot create the map file: {}")), path,
                                cairo_status_to_string(cairo_surface_status(impl_->surface))));
  impl_->cr = cairo_create(impl_->surface);
  cairo_scale(impl_->cr, scale, scale);
  // A white page.
  cairo_set_source_rgb(impl_->cr, 1, 1, 1);
  cairo_paint(impl_->cr);
  cairo_set_line_join(impl_->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(impl_->cr, CAIRO_LINE_CAP_ROUND);
}

Canvas::~Canvas() = default;

void Canvas::move_to(double x, double y) {
  cairo_move_to(impl_->cr, x, y);
}
void Canvas::line_to(double x, double y) {
  cairo_line_to(impl_->cr, x, y);
}
void Canvas::close_path() {
  cairo_close_path(impl_->cr);
}
void Canvas::rectangle(double x, double y, double w, double h) {
  cairo_rectangle(impl_->cr, x, y, w, h);
}
void Canvas::circle(double x, double y, double radius) {
  cairo_new_sub_path(impl_->cr);
  cairo_arc(impl_->cr, x, y, radius, 0, 2 * M_PI);
  cairo_close_path(impl_->cr);
}

void Canvas::fill(const Rgba& c, bool keep) {
  cairo_set_source_rgba(impl_->cr, c.r, c.g, c.b, c.a);
  keep ? cairo_fill_preserve(impl_->cr) : cairo_fill(impl_->cr);
}

void Canvas::stroke(const Rgba& c, double width_mm, bool keep) {
  cairo_set_source_rgba(impl_->cr, c.r, c.g, c.b, c.a);
  cairo_set_line_width(impl_->cr, width_mm);
  keep ? cairo_stroke_preserve(impl_->cr) : cairo_stroke(impl_->cr);
}

void Canvas::set_even_odd(bool on) {
  cairo_set_fill_rule(impl_->cr, on ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
}

void Canvas::clip_rectangle(double x, double y, double w, double h) {
  cairo_rectangle(impl_->cr, x, y, w, h);
  cairo_clip(impl_->cr);
}
void Canvas::reset_clip() {
  cairo_reset_clip(impl_->cr);
}
void Canvas::save() {
  cairo_save(impl_->cr);
}
void Canvas::restore() {
  cairo_restore(impl_->cr);
}

void Canvas::hatch(const Rgba& c, double spacing_mm, double line_mm) {
  cairo_t* cr = impl_->cr;
  double x0, y0, x1, y1;
  cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
  cairo_path_t* area = cairo_copy_path(cr);
  cairo_save(cr);
  cairo_clip(cr);
  cairo_new_path(cr);
  const double span = (x1 - x0) + (y1 - y0);
  for (double d = 0; d <= span; d += spacing_mm) {
    cairo_move_to(cr, x0 + d, y0);
    cairo_line_to(cr, x0 + d - (y1 - y0), y1);
  }
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
  cairo_set_line_width(cr, line_mm);
  cairo_stroke(cr);
  cairo_restore(cr);
  // The area's path again, for its outline.
  cairo_new_path(cr);
  cairo_append_path(cr, area);
  cairo_path_destroy(area);
}

void Canvas::new_path() {
  cairo_new_path(impl_->cr);
}

TextSize Canvas::measure(const std::string& text, const std::string& font, double points, bool bold,
                         double wrap_mm) {
  PangoLayout* l = impl_->layout(text, font, points, bold, wrap_mm);
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  g_object_unref(l);
  return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

void Canvas::text(const std::string& text, double x, double y, const std::string& font,
                  double points, const Rgba& c, bool bold, double wrap_mm, double halo_mm) {
  cairo_t* cr = impl_->cr;
  PangoLayout* l = impl_->layout(text, font, points, bold, wrap_mm);
  cairo_move_to(cr, x, y);
  if (halo_mm > 0) {
    // A white halo under the glyphs keeps labels readable over any fill.
    pango_cairo_layout_path(cr, l);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, 2 * halo_mm);
    cairo_stroke(cr);
    cairo_move_to(cr, x, y);
  }
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
  pango_cairo_show_layout(cr, l);
  g_object_unref(l);
}

namespace {
struct PngReader {
  const std::string* bytes;
  size_t at = 0;
};
cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

void Canvas::image_png(const std::string& png, double x, double y, double w, double h) {
  PngReader reader{&png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png, &reader);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    throw DataError(fmt::format(fmt::runtime(tr("{}: an image to draw is no PNG")), impl_->path));
  }
  const double iw = cairo_image_surface_get_width(image),
               ih = cairo_image_surface_get_height(image);
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, w / iw, h / ih);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

void Canvas::new_page() {
  cairo_show_page(impl_->cr);
}

void Canvas::finish() {
  if (impl_->finished) return;
  impl_->finished = true;
  cairo_show_page(impl_->cr);
  if (impl_->format == CanvasFormat::png) {
    const auto status = cairo_surface_write_to_png(impl_->surface, impl_->path.c_str());
    if (status != CAIRO_STATUS_SUCCESS)
      throw DataError(fmt::format(fmt::runtime(tr("{}: cannot write the map: {}")), impl_->path,
                                  cairo_status_to_string(status)));
  }
  cairo_surface_finish(impl_->surface);
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot write the map: {}")), impl_->path,
                                cairo_status_to_string(cairo_surface_status(impl_->surface))));
}

std::string Canvas::matched_font(const std::string& family) {
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  std::string out;
  FcChar8* name = nullptr;
  if (match && FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch)
    out = reinterpret_cast<const char*>(name);
  if (match) FcPatternDestroy(match);
  FcPatternDestroy(pattern);
  return out;
}

}  // namespace rz::geo

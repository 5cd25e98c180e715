// Server-side SVG charts: layout, Danish number formatting and the accessible SVG frame.
//
// Text widths are estimated (no font metrics on the server): kCharWidthEm of the font size per
// code point, on the generous side so that labels rather get too much room than overlap.
// Coordinates are written with '.' and at most 2 decimals through std::to_chars, which does not
// depend on the C locale.
#include "report/svg_chart.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/html_escape.h"

namespace tov::svg {
namespace {

// Colours with at least 3:1 contrast against white, in an order where neighbours differ for the
// common kinds of colour blindness (blue/orange first); dash patterns and markers back them up.
constexpr std::array<std::string_view, 5> kPalette = {"#004993", "#b35900", "#008139", "#c7302f",
                                                      "#6a6a6a"};
constexpr std::array<std::string_view, 5> kDashes = {"", "7 3", "2 3", "9 3 2 3", "4 2 1 2"};
constexpr std::string_view kTextColour = "#1a1a1a";
constexpr std::string_view kAxisColour = "#6a6a6a";
constexpr std::string_view kGridColour = "#d4d4d4";  // decoration only: values are labelled
constexpr std::string_view kEllipsis = "\u2026";
constexpr std::string_view kMissing = "\u2013";
constexpr std::string_view kNoData = "Ingen data";

constexpr double kCharWidthEm = 0.6;
constexpr double kLabelFont = 11;
constexpr double kTitleFont = 14;
constexpr double kTitleLine = 17;
constexpr double kLabelLine = 13;
constexpr double kSin45 = 0.70710678118654752;
constexpr double kMaxValue = 1e15;  // larger (display) values are clamped: keeps ticks finite
constexpr int kMinWidth = 160;
constexpr int kMinHeight = 100;
constexpr int kMaxSize = 10000;

// ---------------------------------------------------------------------------------------------
// Text helpers.

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

double TextWidth(std::string_view s, double font_size) {
  return static_cast<double>(CodePoints(s)) * font_size * kCharWidthEm;
}

// The first `n` code points of `s`.
std::string_view PrefixCodePoints(std::string_view s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return s.substr(0, i);
      ++count;
    }
  }
  return s;
}

// `s` if it fits in `max_width`, else its longest prefix that fits followed by "…".
std::string TruncateToWidth(std::string_view s, double max_width, double font_size) {
  if (TextWidth(s, font_size) <= max_width) return std::string(s);
  const double ellipsis = font_size * kCharWidthEm;
  const double room = std::max(0.0, max_width - ellipsis);
  const size_t keep = static_cast<size_t>(room / (font_size * kCharWidthEm));
  std::string_view prefix = PrefixCodePoints(s, keep);
  while (!prefix.empty() && prefix.back() == ' ') prefix.remove_suffix(1);
  return std::string(prefix) + std::string(kEllipsis);
}

struct Wrapped {
  std::vector<std::string> lines;
  bool truncated = false;  // some text was cut off (a word too long, or too many lines)
};

// Greedy line breaking of `text` into lines no wider than `max_width`: breaks at spaces (which
// are dropped) and after '/' and '-' (which are kept). At most `max_lines` lines; the last one
// ends in "…" when text is left over.
Wrapped WrapText(std::string_view text, double max_width, double font_size, size_t max_lines) {
  struct Token {
    std::string text;
    bool space_before;
  };
  std::vector<Token> tokens;
  bool space_before = false;  // does the token being collected follow a space?
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!current.empty()) tokens.push_back({std::move(current), space_before});
      current.clear();
      space_before = true;
      continue;
    }
    current += c;
    if (c == '/' || c == '-') {
      tokens.push_back({std::move(current), space_before});
      current.clear();
      space_before = false;
    }
  }
  if (!current.empty()) tokens.push_back({std::move(current), space_before});

  Wrapped out;
  std::vector<std::string> lines;
  for (const Token& t : tokens) {
    if (!lines.empty()) {
      std::string joined = lines.back() + (t.space_before ? " " : "") + t.text;
      // The last allowed line takes all the rest; it is shortened with "…" below.
      if (lines.size() == max_lines || TextWidth(joined, font_size) <= max_width) {
        lines.back() = std::move(joined);
        continue;
      }
    }
    lines.push_back(t.text);
  }
  if (lines.empty()) lines.emplace_back();
  for (std::string& line : lines) {
    if (TextWidth(line, font_size) > max_width) {
      line = TruncateToWidth(line, max_width, font_size);
      out.truncated = true;
    }
  }
  out.lines = std::move(lines);
  return out;
}

// A coordinate or length: '.' decimal point, at most 2 decimals, no trailing zeros, never
// "nan", "inf" or "-0".
std::string Num(double v) {
  if (!std::isfinite(v)) v = 0;
  v = std::clamp(v, -1e9, 1e9);
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string Attr(std::string_view name, double v) {
  return " " + std::string(name) + "=\"" + Num(v) + "\"";
}

// ---------------------------------------------------------------------------------------------
// Deterministic ids: FNV-1a over everything that determines the output.

class Fnv {
 public:
  void Bytes(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 1099511628211ULL;
    }
  }
  void Str(std::string_view s) {
    Int(static_cast<int64_t>(s.size()));
    Bytes(s);
  }
  void Int(int64_t v) {
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    Bytes(std::string_view(b, sizeof b));
  }
  void Dbl(double v) {
    if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();  // one NaN bit pattern
    int64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Int(bits);
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 1469598103934665603ULL;
};

void HashOptions(Fnv& fnv, const ChartOptions& o) {
  fnv.Str(o.title);
  fnv.Str(o.description);
  fnv.Int(o.width);
  fnv.Int(o.height);
  fnv.Str(o.unit);
  fnv.Int(o.percent);
  fnv.Int(o.decimals);
  fnv.Int(o.show_title);
  if (o.axis_max > 0) fnv.Int(o.axis_max);  // only then: the ids of other charts stay as they were
}

std::string ChartId(std::string_view explicit_id, const Fnv& fnv) {
  if (!explicit_id.empty()) {
    std::string id(explicit_id);
    for (char& c : id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
      if (!ok) c = '-';
    }
    return id;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "tov-chart-";
  const uint64_t h = fnv.value();
  for (int shift = 44; shift >= 0; shift -= 4) id += kHex[(h >> shift) & 0xF];
  return id;
}

// ---------------------------------------------------------------------------------------------
// Values, ticks and labels.

// Values in the units shown to the reader (percent points for rates), clamped to [0, kMaxValue];
// NaN for missing.
std::vector<double> ToDisplay(const std::vector<double>& values, bool percent) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (!std::isfinite(v)) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      out.push_back(std::clamp(percent ? v * 100 : v, 0.0, kMaxValue));
    }
  }
  return out;
}

double MaxOf(const std::vector<double>& disp) {
  double m = 0;
  for (double v : disp) {
    if (std::isfinite(v)) m = std::max(m, v);
  }
  return m;
}

// Formats display values for value labels: the number, then " %" or " <unit>".
struct ValueFormat {
  int decimals = 0;
  std::string suffix;
  std::string operator()(double disp) const {
    if (!std::isfinite(disp)) return std::string(kMissing);
    return FormatNumberDa(disp, decimals) + suffix;
  }
};

ValueFormat MakeValueFormat(const std::vector<double>& disp, const ChartOptions& o) {
  ValueFormat f;
  f.suffix = o.percent ? " %" : (o.unit.empty() ? "" : " " + o.unit);
  if (o.decimals >= 0) {
    f.decimals = std::min(o.decimals, 9);
  } else if (o.percent) {
    f.decimals = 0;
  } else {
    f.decimals = -1;
    for (int d = 0; d <= 2 && f.decimals < 0; ++d) {
      const double scale = std::pow(10.0, d);
      bool exact = true;
      for (double v : disp) {
        if (std::isfinite(v) && std::abs(v * scale - std::round(v * scale)) > 1e-6) exact = false;
      }
      if (exact) f.decimals = d;
    }
    if (f.decimals < 0) f.decimals = MaxOf(disp) >= 10 ? 1 : 2;
  }
  return f;
}

// The unit on tick labels: "%" for rates, short units ("%", "kr.") too, long ones not.
std::string TickSuffix(const ChartOptions& o) {
  if (o.percent) return " %";
  if (!o.unit.empty() && CodePoints(o.unit) <= 3) return " " + o.unit;
  return "";
}

// Axis 0, step, 2·step, …, count·step with 2 <= count <= 4 (3–5 ticks), step in {1, 2, 2.5, 5}
// times a power of ten: the smallest such step with count·step >= max_value.
struct Ticks {
  double step = 1;
  int count = 1;
  int decimals = 0;
  double Max() const { return step * count; }
};

// With `whole`, the data are counts: steps are whole numbers (no "0,5 persons" on the axis).
Ticks NiceTicks(double max_value, bool whole = false) {
  max_value = std::clamp(max_value, 1e-6, kMaxValue);
  if (whole) max_value = std::max(max_value, 2.0);
  static constexpr std::array<double, 4> kMantissas = {1, 2, 2.5, 5};
  int exponent = static_cast<int>(std::floor(std::log10(max_value))) - 2;
  for (;; ++exponent) {
    for (double m : kMantissas) {
      const double step = m * std::pow(10.0, exponent);
      if (whole && (step < 1 || step != std::floor(step))) continue;
      const int count = static_cast<int>(std::ceil(max_value / step - 1e-9));
      if (count <= 4) {
        Ticks t;
        t.step = step;
        t.count = std::max(count, 1);
        t.decimals = std::max(0, -exponent + (m == 2.5 ? 1 : 0));
        return t;
      }
    }
  }
}

// The ticks of a bar chart's value axis: the fixed whole-number scale 0..axis_max when one is
// given (widened to the data's ceiling), else NiceTicks.
Ticks ValueTicks(double max_value, bool whole, const ChartOptions& o) {
  if (o.axis_max <= 0) return NiceTicks(max_value, whole);
  Ticks t;
  t.step = 1;
  t.count = std::max(o.axis_max, static_cast<int>(std::ceil(std::min(max_value, 1000.0) - 1e-9)));
  t.decimals = 0;
  return t;
}

bool AllWhole(const std::vector<double>& values) {
  for (double v : values)
    if (std::isfinite(v) && v != std::floor(v)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// SVG building blocks.

struct Frame {
  std::string id;
  std::string title;  // never empty
  std::string desc;
};

// The root element, <title> and <desc>. `fluid`: width 100% up to `width` px, else fixed size.
std::string OpenSvg(const Frame& f, int width, int height, bool fluid) {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tov-chart\" role=\"img\"";
  out += " aria-labelledby=\"" + f.id + "-title " + f.id + "-desc\"";
  out += " viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\"";
  if (fluid) {
    out += " width=\"100%\" style=\"max-width:" + std::to_string(width) + "px;height:auto\"";
  } else {
    out += " width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
           "\" style=\"max-width:100%;height:auto;vertical-align:middle\"";
  }
  out += " font-family=\"inherit\" font-size=\"12\">";
  out += "<title id=\"" + f.id + "-title\">" + EscapeHtml(f.title) + "</title>";
  out += "<desc id=\"" + f.id + "-desc\">" + EscapeHtml(f.desc) + "</desc>";
  return out;
}

// A <text> element; `extra` holds further attributes (with a leading space).
void AddText(std::string& out, double x, double y, std::string_view text, double font_size,
             std::string_view extra = "") {
  out += "<text" + Attr("x", x) + Attr("y", y) + " fill=\"" + std::string(kTextColour) + "\"";
  if (font_size != 12) out += Attr("font-size", font_size);
  out += extra;
  out += ">" + EscapeHtml(text) + "</text>";
}

void AddLine(std::string& out, double x1, double y1, double x2, double y2,
             std::string_view colour, std::string_view extra = "") {
  out += "<line" + Attr("x1", x1) + Attr("y1", y1) + Attr("x2", x2) + Attr("y2", y2) +
         " stroke=\"" + std::string(colour) + "\"" + std::string(extra) + "/>";
}

// Draws the title (up to 2 lines) at the top; returns the height it takes.
double AddTitle(std::string& out, std::string_view title, int width, bool show) {
  if (!show || title.empty()) return 6;
  const Wrapped w = WrapText(title, width - 4, kTitleFont, 2);
  for (size_t i = 0; i < w.lines.size(); ++i) {
    AddText(out, 2, 15 + kTitleLine * static_cast<double>(i), w.lines[i], kTitleFont,
            " font-weight=\"bold\"");
  }
  return kTitleLine * static_cast<double>(w.lines.size()) + 10;
}

// Whether `text` has anything visible (not only spaces and control characters).
bool HasVisible(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) > 0x20; });
}

// `title` unless it has nothing visible: then `fallback`.
std::string TitleOr(std::string_view title, std::string_view fallback) {
  return std::string(HasVisible(title) ? title : fallback);
}

std::string NoDataDesc(const ChartOptions& o) {
  const std::string no_data = std::string(kNoData) + ".";
  return HasVisible(o.description) ? o.description + " " + no_data : no_data;
}

std::string NoDataChart(const Frame& f, const ChartOptions& o, int width, int height) {
  std::string out = OpenSvg(f, width, height, true);
  const double top = AddTitle(out, o.title, width, o.show_title);
  AddText(out, width / 2.0, (top + height) / 2.0, kNoData, 13,
          " text-anchor=\"middle\" dy=\"0.35em\" class=\"no-data\"");
  return out + "</svg>";
}

// Horizontal grid lines with tick labels on the left of the plot area.
void AddYAxis(std::string& out, const Ticks& ticks, std::string_view suffix, double left,
              double right_x, double top, double plot_h) {
  for (int i = 0; i <= ticks.count; ++i) {
    const double y = top + plot_h - plot_h * i / ticks.count;
    if (i > 0) AddLine(out, left, y, right_x, y, kGridColour, " shape-rendering=\"crispEdges\"");
    AddText(out, left - 6, y, FormatNumberDa(ticks.step * i, ticks.decimals) + std::string(suffix),
            kLabelFont, " text-anchor=\"end\" dy=\"0.32em\" class=\"y-tick\"");
  }
}

double MaxTickWidth(const Ticks& ticks, std::string_view suffix) {
  double w = 0;
  for (int i = 0; i <= ticks.count; ++i) {
    w = std::max(w, TextWidth(FormatNumberDa(ticks.step * i, ticks.decimals) + std::string(suffix),
                              kLabelFont));
  }
  return w;
}

std::string BarListDesc(const std::vector<Bar>& bars, const std::vector<double>& disp,
                        const ValueFormat& fmt) {
  std::string desc;
  for (size_t i = 0; i < bars.size(); ++i) {
    if (i > 0) desc += "; ";
    desc += bars[i].label + ": " + (std::isfinite(disp[i]) ? fmt(disp[i]) : "mangler");
  }
  return desc + ".";
}

int ClampSize(int v, int lo) { return std::clamp(v, lo, kMaxSize); }

// Point markers, one shape per series index.
void AddMarker(std::string& out, size_t kind, double x, double y, std::string_view colour) {
  const std::string fill = " fill=\"" + std::string(colour) + "\"";
  switch (kind % 5) {
    case 0:
      out += "<circle" + Attr("cx", x) + Attr("cy", y) + " r=\"3.2\"" + fill + "/>";
      return;
    case 1:
      out += "<path d=\"M" + Num(x - 3) + " " + Num(y - 3) + "h6v6h-6Z\"" + fill + "/>";
      return;
    case 2:
      out += "<path d=\"M" + Num(x) + " " + Num(y - 4) + "L" + Num(x + 3.8) + " " + Num(y + 3) +
             "L" + Num(x - 3.8) + " " + Num(y + 3) + "Z\"" + fill + "/>";
      return;
    case 3:
      out += "<path d=\"M" + Num(x) + " " + Num(y - 4.2) + "L" + Num(x + 4.2) + " " + Num(y) +
             "L" + Num(x) + " " + Num(y + 4.2) + "L" + Num(x - 4.2) + " " + Num(y) + "Z\"" +
             fill + "/>";
      return;
    default:
      out += "<path d=\"M" + Num(x) + " " + Num(y + 4) + "L" + Num(x + 3.8) + " " + Num(y - 3) +
             "L" + Num(x - 3.8) + " " + Num(y - 3) + "Z\"" + fill + "/>";
      return;
  }
}

std::string_view SeriesColour(size_t i) { return kPalette[i % kPalette.size()]; }
std::string_view SeriesDash(size_t i) { return kDashes[(i + i / kDashes.size()) % kDashes.size()]; }

std::string DashAttr(size_t i) {
  const std::string_view dash = SeriesDash(i);
  return dash.empty() ? "" : " stroke-dasharray=\"" + std::string(dash) + "\"";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions.

std::string FormatNumberDa(double v, int decimals) {
  if (!std::isfinite(v)) return std::string(kMissing);
  decimals = std::clamp(decimals, 0, 9);
  // Nudge by a relative 1e-12 so that decimal halves stored just below (2.675 is
  // 2.67499999…) round up as a reader expects; far below any digit shown.
  double nudged = v + v * 1e-12;
  if (!std::isfinite(nudged)) nudged = v;  // v within 1e-12 of the largest double
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, nudged, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return std::string(kMissing);
  std::string_view s(buf, static_cast<size_t>(end - buf));
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const size_t point = s.find('.');
  const std::string_view integer = s.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? "" : s.substr(point + 1);

  std::string out;
  for (size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) out += '.';
    out += integer[i];
  }
  if (!fraction.empty()) out += "," + std::string(fraction);
  const bool all_zero = s.find_first_not_of("0.") == std::string_view::npos;
  return (negative && !all_zero ? "-" : "") + out;
}

std::string FormatPercentDa(double rate, int decimals) {
  if (!std::isfinite(rate)) return std::string(kMissing);
  return FormatNumberDa(rate * 100, decimals) + " %";
}

std::string BarChart(const std::vector<Bar>& bars, const ChartOptions& o) {
  const int width = ClampSize(o.width, kMinWidth);
  int height = ClampSize(o.height, kMinHeight);
  std::vector<double> raw;
  for (const Bar& b : bars) raw.push_back(b.value);
  const std::vector<double> disp = ToDisplay(raw, o.percent);
  const double max_value = MaxOf(disp);

  Fnv fnv;
  fnv.Str("bar");
  HashOptions(fnv, o);
  for (const Bar& b : bars) {
    fnv.Str(b.label);
    fnv.Dbl(b.value);
  }
  Frame frame{ChartId(o.id, fnv), TitleOr(o.title, "Søjlediagram"), ""};
  if (bars.empty() || !(max_value > 0)) {
    frame.desc = NoDataDesc(o);
    return NoDataChart(frame, o, width, height);
  }
  const ValueFormat fmt = MakeValueFormat(disp, o);
  frame.desc = HasVisible(o.description) ? o.description : BarListDesc(bars, disp, fmt);

  const double n = static_cast<double>(bars.size());
  const Ticks ticks = ValueTicks(max_value, !o.percent && std::all_of(bars.begin(), bars.end(), [](const Bar& b) { return !std::isfinite(b.value) || b.value == std::floor(b.value); }), o);
  const std::string tick_suffix = TickSuffix(o);
  double left = std::ceil(MaxTickWidth(ticks, tick_suffix)) + 10;
  const double right = 8;
  double slot = (width - left - right) / n;

  // Category labels: wrapped under the bar if every label fits its slot, else rotated 45°.
  std::vector<Wrapped> wrapped;
  bool all_fit = true;
  size_t max_lines = 1;
  for (const Bar& b : bars) {
    wrapped.push_back(WrapText(b.label, slot - 4, kLabelFont, 3));
    all_fit = all_fit && !wrapped.back().truncated;
    max_lines = std::max(max_lines, wrapped.back().lines.size());
  }
  const bool rotate = !all_fit;
  std::vector<std::string> rotated;
  double bottom = 8 + kLabelLine * static_cast<double>(max_lines);
  if (rotate) {
    const double budget = std::max(40.0, height * 0.38 / kSin45);
    double longest = 0;
    for (const Bar& b : bars) {
      rotated.push_back(TruncateToWidth(b.label, budget, kLabelFont));
      longest = std::max(longest, TextWidth(rotated.back(), kLabelFont));
    }
    bottom = 12 + longest * kSin45 + kLabelFont;
    // The first label runs down-left from its bar's centre, left + slot/2; keep it in view.
    const double reach = longest * kSin45 + 2;
    const double half = 1.0 / (2 * n);
    const double need = (reach - (width - right) * half) / (1 - half);
    if (need > left) left = std::min(need, width * 0.5);
    slot = (width - left - right) / n;
  }

  // Value labels above the bars: shrink when wider than a slot, then turn them vertical.
  std::vector<std::string> value_labels;
  double value_w = 0;
  for (double d : disp) {
    value_labels.push_back(fmt(d));
    value_w = std::max(value_w, TextWidth(value_labels.back(), kLabelFont));
  }
  double value_font = kLabelFont;
  bool value_vertical = false;
  if (value_w > slot - 2) {
    value_font = std::max(8.0, kLabelFont * (slot - 2) / value_w);
    if (value_w * value_font / kLabelFont > slot - 2) {
      value_vertical = true;
      value_font = 10;
    }
  }

  std::string body;
  const double title_h = AddTitle(body, o.title, width, o.show_title);
  const double top =
      title_h + (value_vertical ? value_w * value_font / kLabelFont + 8 : value_font + 8);
  // Labels may not squeeze the bars: keep at least 45% of the requested height for them.
  double plot_h = height - top - bottom;
  const double min_plot_h = std::max(40.0, height * 0.45);
  if (plot_h < min_plot_h) {
    plot_h = min_plot_h;
    height = static_cast<int>(std::ceil(top + bottom + plot_h));
  }
  const double base_y = top + plot_h;
  const double right_x = width - right;

  AddYAxis(body, ticks, tick_suffix, left, right_x, top, plot_h);

  const double bar_w = std::min(slot * 0.62, 56.0);
  std::string labels;
  for (size_t i = 0; i < bars.size(); ++i) {
    const double cx = left + slot * (static_cast<double>(i) + 0.5);
    if (std::isfinite(disp[i])) {
      const double h = plot_h * disp[i] / ticks.Max();
      body += "<rect class=\"bar\"" + Attr("x", cx - bar_w / 2) + Attr("y", base_y - h) +
              Attr("width", bar_w) + Attr("height", h) + " fill=\"" + std::string(kPalette[0]) +
              "\"/>";
    }
    const double value_top = base_y - (std::isfinite(disp[i]) ? plot_h * disp[i] / ticks.Max() : 0);
    if (value_vertical) {
      const double y = value_top - 4;
      AddText(labels, cx, y, value_labels[i], value_font,
              " text-anchor=\"start\" dy=\"0.35em\" class=\"value\" transform=\"rotate(-90 " +
                  Num(cx) + " " + Num(y) + ")\"");
    } else {
      AddText(labels, cx, value_top - 4, value_labels[i], value_font,
              " text-anchor=\"middle\" class=\"value\"");
    }
    if (rotate) {
      const double x = cx + 3;
      const double y = base_y + 12;
      AddText(labels, x, y, rotated[i], kLabelFont,
              " text-anchor=\"end\" class=\"category\" transform=\"rotate(-45 " + Num(x) + " " +
                  Num(y) + ")\"");
    } else {
      for (size_t line = 0; line < wrapped[i].lines.size(); ++line) {
        AddText(labels, cx, base_y + 15 + kLabelLine * static_cast<double>(line),
                wrapped[i].lines[line], kLabelFont, " text-anchor=\"middle\" class=\"category\"");
      }
    }
  }
  AddLine(body, left, base_y, right_x, base_y, kAxisColour, " shape-rendering=\"crispEdges\"");
  return OpenSvg(frame, width, height, true) + body + labels + "</svg>";
}

std::string HorizontalBarChart(const std::vector<Bar>& bars, const ChartOptions& o) {
  const int width = ClampSize(o.width, kMinWidth);
  const int requested_height = ClampSize(o.height, kMinHeight);
  std::vector<double> raw;
  for (const Bar& b : bars) raw.push_back(b.value);
  const std::vector<double> disp = ToDisplay(raw, o.percent);
  const double max_value = MaxOf(disp);

  Fnv fnv;
  fnv.Str("hbar");
  HashOptions(fnv, o);
  for (const Bar& b : bars) {
    fnv.Str(b.label);
    fnv.Dbl(b.value);
  }
  Frame frame{ChartId(o.id, fnv), TitleOr(o.title, "Vandret søjlediagram"), ""};
  if (bars.empty() || !(max_value > 0)) {
    frame.desc = NoDataDesc(o);
    return NoDataChart(frame, o, width, requested_height);
  }
  const ValueFormat fmt = MakeValueFormat(disp, o);
  frame.desc = HasVisible(o.description) ? o.description : BarListDesc(bars, disp, fmt);

  const Ticks ticks = ValueTicks(max_value, !o.percent && std::all_of(bars.begin(), bars.end(), [](const Bar& b) { return !std::isfinite(b.value) || b.value == std::floor(b.value); }), o);
  const std::string tick_suffix = TickSuffix(o);

  std::vector<std::string> value_labels;
  double value_w = 0;
  for (double d : disp) {
    value_labels.push_back(fmt(d));
    value_w = std::max(value_w, TextWidth(value_labels.back(), kLabelFont));
  }
  const double max_label_w = width * 0.42;
  std::vector<Wrapped> wrapped;
  double label_w = 0;
  size_t max_lines = 1;
  for (const Bar& b : bars) {
    wrapped.push_back(WrapText(b.label, max_label_w, kLabelFont, 2));
    for (const std::string& line : wrapped.back().lines) {
      label_w = std::max(label_w, TextWidth(line, kLabelFont));
    }
    max_lines = std::max(max_lines, wrapped.back().lines.size());
  }
  const double last_tick_w =
      TextWidth(FormatNumberDa(ticks.Max(), ticks.decimals) + tick_suffix, kLabelFont);
  const double left = std::ceil(label_w) + 10;
  const double right = std::max(value_w + 10, last_tick_w / 2 + 4);
  const double plot_w = std::max(40.0, width - left - right);

  std::string body;
  const double title_h = AddTitle(body, o.title, width, o.show_title);
  const double top = title_h + 4;
  const double bottom = 24;
  const double n = static_cast<double>(bars.size());
  const double row_min = std::max(20.0, kLabelLine * static_cast<double>(max_lines) + 8);
  const double row_h = std::clamp((requested_height - top - bottom) / n, row_min,
                                  std::max(40.0, row_min));
  const int height = static_cast<int>(std::ceil(top + bottom + row_h * n));
  const double plot_bottom = top + row_h * n;

  // Value axis: vertical grid lines with tick labels underneath.
  for (int i = 0; i <= ticks.count; ++i) {
    const double x = left + plot_w * i / ticks.count;
    if (i > 0) AddLine(body, x, top, x, plot_bottom, kGridColour, " shape-rendering=\"crispEdges\"");
    AddText(body, x, plot_bottom + 15, FormatNumberDa(ticks.step * i, ticks.decimals) + tick_suffix,
            kLabelFont, " text-anchor=\"middle\" class=\"x-tick\"");
  }

  const double bar_h = std::min(row_h * 0.62, 24.0);
  std::string labels;
  for (size_t i = 0; i < bars.size(); ++i) {
    const double cy = top + row_h * (static_cast<double>(i) + 0.5);
    double end_x = left;
    if (std::isfinite(disp[i])) {
      const double w = plot_w * disp[i] / ticks.Max();
      end_x = left + w;
      body += "<rect class=\"bar\"" + Attr("x", left) + Attr("y", cy - bar_h / 2) +
              Attr("width", w) + Attr("height", bar_h) + " fill=\"" + std::string(kPalette[0]) +
              "\"/>";
    }
    AddText(labels, end_x + 4, cy, value_labels[i], kLabelFont, " dy=\"0.32em\" class=\"value\"");
    const std::vector<std::string>& lines = wrapped[i].lines;
    for (size_t line = 0; line < lines.size(); ++line) {
      const double offset =
          (static_cast<double>(line) - (static_cast<double>(lines.size()) - 1) / 2) * kLabelLine;
      AddText(labels, left - 8, cy + offset, lines[line], kLabelFont,
              " text-anchor=\"end\" dy=\"0.32em\" class=\"category\"");
    }
  }
  AddLine(body, left, top, left, plot_bottom, kAxisColour, " shape-rendering=\"crispEdges\"");
  return OpenSvg(frame, width, height, true) + body + labels + "</svg>";
}

std::string LineChart(const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const ChartOptions& o) {
  const int width = ClampSize(o.width, kMinWidth);
  int height = ClampSize(o.height, kMinHeight);
  size_t n = x_labels.size();
  for (const Series& s : series) n = std::max(n, s.values.size());

  std::vector<std::vector<double>> disp;
  std::vector<double> all;
  for (const Series& s : series) {
    std::vector<double> values = s.values;
    values.resize(n, std::numeric_limits<double>::quiet_NaN());
    disp.push_back(ToDisplay(values, o.percent));
    all.insert(all.end(), disp.back().begin(), disp.back().end());
  }
  const double max_value = MaxOf(all);

  Fnv fnv;
  fnv.Str("line");
  HashOptions(fnv, o);
  fnv.Int(static_cast<int64_t>(x_labels.size()));
  for (const std::string& label : x_labels) fnv.Str(label);
  fnv.Int(static_cast<int64_t>(series.size()));
  for (const Series& s : series) {
    fnv.Str(s.name);
    fnv.Int(static_cast<int64_t>(s.values.size()));
    for (double v : s.values) fnv.Dbl(v);
  }
  Frame frame{ChartId(o.id, fnv), TitleOr(o.title, "Linjediagram"), ""};
  if (n == 0 || series.empty() || !(max_value > 0)) {
    frame.desc = NoDataDesc(o);
    return NoDataChart(frame, o, width, height);
  }
  const ValueFormat fmt = MakeValueFormat(all, o);
  auto label_at = [&](size_t i) -> std::string {
    return i < x_labels.size() ? x_labels[i] : std::string();
  };
  std::vector<std::string> names;
  for (size_t i = 0; i < series.size(); ++i) {
    names.push_back(series[i].name.empty() ? "Serie " + std::to_string(i + 1) : series[i].name);
  }

  if (HasVisible(o.description)) {
    frame.desc = o.description;
  } else {
    // Per series: first and latest value and the highest, with their x labels.
    auto with_label = [&](double v, size_t i) {
      const std::string label = label_at(i);
      return fmt(v) + (label.empty() ? "" : " (" + label + ")");
    };
    for (size_t s = 0; s < series.size(); ++s) {
      if (s > 0) frame.desc += " ";
      frame.desc += names[s] + ": ";
      size_t first = n, last = n, high = n;
      for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(disp[s][i])) continue;
        if (first == n) first = i;
        last = i;
        if (high == n || disp[s][i] > disp[s][high]) high = i;
      }
      if (first == n) {
        frame.desc += "ingen værdier.";
        continue;
      }
      frame.desc += "fra " + with_label(disp[s][first], first) + " til " +
                    with_label(disp[s][last], last) + ", højeste " +
                    with_label(disp[s][high], high) + ".";
    }
  }

  const Ticks ticks = NiceTicks(max_value, !o.percent && std::all_of(series.begin(), series.end(), [](const Series& x) { return AllWhole(x.values); }));
  const std::string tick_suffix = TickSuffix(o);
  std::vector<std::string> shown_labels;
  double label_w = 0;
  for (size_t i = 0; i < n; ++i) {
    shown_labels.push_back(TruncateToWidth(label_at(i), 110, kLabelFont));
    label_w = std::max(label_w, TextWidth(shown_labels.back(), kLabelFont));
  }
  const double half_label = std::min(label_w / 2 + 2, 60.0);
  const double left = std::max(std::ceil(MaxTickWidth(ticks, tick_suffix)) + 10, half_label);
  const double right = std::max(12.0, half_label);
  const double plot_w = std::max(40.0, width - left - right);
  const double spacing = n > 1 ? plot_w / static_cast<double>(n - 1) : 0;
  auto x_at = [&](size_t i) {
    return n > 1 ? left + spacing * static_cast<double>(i) : left + plot_w / 2;
  };

  // Show every k-th x label, k from a calendar-friendly list, the smallest that leaves room.
  size_t k = 1;
  if (n > 1) {
    static constexpr std::array<size_t, 6> kSteps = {1, 2, 3, 4, 6, 12};
    const double need = label_w + 8;
    k = 0;
    for (size_t step : kSteps) {
      if (static_cast<double>(step) * spacing >= need) {
        k = step;
        break;
      }
    }
    if (k == 0) {
      k = 24;
      while (static_cast<double>(k) * spacing < need && k < n) k += 12;
    }
  }

  std::string body;
  const double title_h = AddTitle(body, o.title, width, o.show_title);

  // Legend above the plot, flowing into rows.
  std::string legend;
  const double legend_top = title_h;
  double lx = 2, row = 0;
  for (size_t s = 0; s < series.size(); ++s) {
    const std::string name = TruncateToWidth(names[s], width - 40, kLabelFont);
    const double item_w = 28 + 5 + TextWidth(name, kLabelFont) + 16;
    if (lx > 2 && lx + item_w > width) {
      lx = 2;
      row += 1;
    }
    const double cy = legend_top + 8 + row * 17;
    AddLine(legend, lx, cy, lx + 28, cy, SeriesColour(s),
            " stroke-width=\"2\"" + DashAttr(s));
    AddMarker(legend, s, lx + 14, cy, SeriesColour(s));
    AddText(legend, lx + 33, cy, name, kLabelFont, " dy=\"0.32em\" class=\"legend\"");
    lx += item_w;
  }
  const double legend_h = (row + 1) * 17 + 4;
  const double top = title_h + legend_h + 6;
  const double bottom = 26;
  double plot_h = height - top - bottom;
  const double min_plot_h = std::max(50.0, height * 0.45);
  if (plot_h < min_plot_h) {
    plot_h = min_plot_h;
    height = static_cast<int>(std::ceil(top + bottom + plot_h));
  }
  const double base_y = top + plot_h;
  auto y_at = [&](double v) { return base_y - plot_h * v / ticks.Max(); };

  AddYAxis(body, ticks, tick_suffix, left, left + plot_w, top, plot_h);
  AddLine(body, left, base_y, left + plot_w, base_y, kAxisColour,
          " shape-rendering=\"crispEdges\"");
  for (size_t i = 0; i < n; i += k) {
    const double x = x_at(i);
    AddLine(body, x, base_y, x, base_y + 4, kAxisColour);
    AddText(body, x, base_y + 16, shown_labels[i], kLabelFont,
            " text-anchor=\"middle\" class=\"x-label\"");
  }

  for (size_t s = 0; s < series.size(); ++s) {
    const std::string_view colour = SeriesColour(s);
    body += "<g class=\"series\">";
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      body += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" +
              std::string(colour) + "\" stroke-width=\"2\" stroke-linejoin=\"round\"" +
              DashAttr(s) + "/>";
      points.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(disp[s][i])) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += Num(x_at(i)) + "," + Num(y_at(disp[s][i]));
    }
    flush();
    for (size_t i = 0; i < n; ++i) {
      if (std::isfinite(disp[s][i])) AddMarker(body, s, x_at(i), y_at(disp[s][i]), colour);
    }
    body += "</g>";
  }
  return OpenSvg(frame, width, height, true) + body + legend + "</svg>";
}

std::string Sparkline(const std::vector<double>& values, int width, int height,
                      std::string_view label) {
  width = ClampSize(width, 20);
  height = ClampSize(height, 8);
  const std::vector<double> disp = ToDisplay(values, false);
  const double max_value = MaxOf(disp);

  Fnv fnv;
  fnv.Str("spark");
  fnv.Int(width);
  fnv.Int(height);
  fnv.Str(label);
  for (double v : values) fnv.Dbl(v);
  Frame frame{ChartId("", fnv), TitleOr(label, "Tendens"), ""};
  if (!(max_value > 0)) {
    frame.desc = std::string(kNoData) + ".";
    std::string out = OpenSvg(frame, width, height, false);
    AddText(out, width / 2.0, height / 2.0, kNoData, std::min(11.0, height * 0.5),
            " text-anchor=\"middle\" dy=\"0.35em\" class=\"no-data\"");
    return out + "</svg>";
  }

  double low = max_value;
  size_t count = 0, last = 0;
  for (size_t i = 0; i < disp.size(); ++i) {
    if (!std::isfinite(disp[i])) continue;
    low = std::min(low, disp[i]);
    ++count;
    last = i;
  }
  ChartOptions auto_format;
  const ValueFormat fmt = MakeValueFormat(disp, auto_format);
  frame.desc = std::to_string(count) + (count == 1 ? " værdi" : " værdier") + "; seneste " +
               fmt(disp[last]) + ", laveste " + fmt(low) + ", højeste " + fmt(max_value) + ".";

  const double pad = 3;
  const double n = static_cast<double>(disp.size());
  const double span = max_value - low;
  auto x_at = [&](size_t i) {
    return n > 1 ? pad + (width - 2 * pad) * static_cast<double>(i) / (n - 1) : width / 2.0;
  };
  auto y_at = [&](double v) {
    return span > 0 ? pad + (height - 2 * pad) * (1 - (v - low) / span) : height / 2.0;
  };

  std::string out = OpenSvg(frame, width, height, false);
  std::string points;
  auto flush = [&] {
    if (points.empty()) return;
    out += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" +
           std::string(kPalette[0]) + "\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>";
    points.clear();
  };
  for (size_t i = 0; i < disp.size(); ++i) {
    if (!std::isfinite(disp[i])) {
      flush();
      continue;
    }
    if (!points.empty()) points += ' ';
    points += Num(x_at(i)) + "," + Num(y_at(disp[i]));
  }
  flush();
  out += "<circle" + Attr("cx", x_at(last)) + Attr("cy", y_at(disp[last])) + " r=\"2.2\" fill=\"" +
         std::string(kPalette[0]) + "\"/>";
  return out + "</svg>";
}

}  // namespace tov::svg

// Server-side SVG charts for the Danish status reports and dashboards: bar, horizontal bar, line
// and sparkline charts returned as one self-contained `<svg>` element to inline into HTML.
//
// Pure functions (no I/O, no globals; text is escaped by common/html_escape.h): identical inputs
// give byte-identical output, in any process. Every chart is accessible (WCAG 2.1 AA): the root
// has role="img" and aria-labelledby naming its own <title> and <desc>; colours have at least 3:1
// contrast against white; lines differ by colour, dash pattern and marker shape so that they read
// in black-and-white print and for colour-blind readers. Numbers are written the Danish way
// ("1.234,5", "57 %"). Empty or all-zero data gives a valid SVG that says "Ingen data".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tov::svg {

// Formats `v` with `decimals` digits after a decimal comma (clamped to 0..9) and "." between
// thousands: (1234.5, 1) -> "1.234,5"; (5789, 0) -> "5.789"; (0.5, 1) -> "0,5". Rounds half away
// from zero on the decimal value a reader sees (2.675 -> "2,68"); never writes "-0". A non-finite
// `v` gives "–" (U+2013, "no value").
std::string FormatNumberDa(double v, int decimals);

// Formats a rate (0..1, not clamped) as a Danish percentage with a space before the sign:
// 0.571 -> "57 %"; (0.5714, 1) -> "57,1 %". A non-finite rate gives "–".
std::string FormatPercentDa(double rate, int decimals = 0);

struct Bar {
  std::string label;
  double value;  // >= 0; negative values are drawn as 0; NaN means "missing" (no bar, "–")
};

struct ChartOptions {
  std::string title;        // <title>, also drawn at the top unless show_title is false; a blank
                            // one gives a generic <title> ("Søjlediagram", "Linjediagram", …)
  std::string description;  // <desc>; when blank, a Danish text giving the data is generated
  int width = 480;          // viewBox width, and the largest width drawn (CSS px)
  int height = 240;         // viewBox height; may grow so that labels fit (see each chart)
  std::string unit;         // appended after a space to value labels, e.g. "personer", "%";
                            // tick labels get it only when it is at most 3 characters long
  bool percent = false;     // values are rates 0..1 shown as "57 %"; `unit` is then ignored
  // Additions beyond the brief, all optional:
  int decimals = -1;        // decimals of the value labels; -1 = the fewest (0..2) that show every
                            // value exactly (0 for percentages)
  std::string id;           // id prefix for <title>/<desc> ("<id>-title", "<id>-desc"); give one
                            // when the same chart appears twice on a page. Empty = a hash of all
                            // the arguments, "tov-chart-" + 12 hex digits. Characters other than
                            // [A-Za-z0-9_-] become '-'.
  bool show_title = true;   // draw the title inside the SVG (it is in <title> either way)
  int axis_max = 0;         // > 0: a fixed scale (BarChart, HorizontalBarChart), the value axis
                            // runs 0..axis_max with a tick and gridline at every whole number
                            // (the needs chart's 0–4); values above it widen it to their ceiling.
                            // 0 = 3–5 nice ticks chosen from the data
};

// Vertical bars, one per element of `bars`, in order: the value label above each bar, the
// category label below it (wrapped on spaces, '/' and '-' into up to 3 lines, or rotated 45° and
// if need be shortened with "…" when a label does not fit its slot), and a y axis with 3–5 nice
// ticks from 0 with light grid lines. Each bar is exactly one `<rect class="bar">` (a missing
// value draws none) and the chart has no other <rect>. Value labels shrink, then turn vertical,
// when they are wider than a bar's slot. The height grows when less than 45% of it (at least
// 40 px) would remain for the bars. No bars, or no value above 0, gives the "Ingen data" SVG.
std::string BarChart(const std::vector<Bar>& bars, const ChartOptions& options);

// Horizontal bars for categories with long names: the label right-aligned in a column on the
// left (wrapped into up to 2 lines, shortened with "…" beyond 42% of the width), the bar, and
// the value just after its end; a value axis with 3–5 nice ticks from 0 below. The height is
// set by the rows: `height` is used when that gives rows of 20–40 px, else it is grown or shrunk
// to the nearest (20 px is raised when labels wrap). One `<rect class="bar">` per bar with a
// value and no other <rect>. No bars, or no value above 0, gives the "Ingen data" SVG.
std::string HorizontalBarChart(const std::vector<Bar>& bars, const ChartOptions& options);

struct Series {
  std::string name;            // legend text; empty becomes "Serie N"
  std::vector<double> values;  // one per x label; std::nan("") (or any non-finite) = missing
};

// One line per series over the points x_labels[0..n) (n is the longest of x_labels and the
// series; a series shorter than n is missing at the end). Each series has its own colour, dash
// pattern and marker shape (5 combinations, then they repeat with shifted dashes), a marker at
// every value, and an entry in a legend above the plot. A series is exactly one <polyline> when it
// has no gaps; a missing value breaks its line (one <polyline> per unbroken run, so no gap is
// bridged by a made-up line). X labels are thinned to every k-th (k in 1, 2, 3, 4, 6, 12, 24…,
// the smallest that fits; 24 monthly labels in 480 px give every 3rd or 4th) and each shown label
// is a `<text class="x-label">`; the y axis has 3–5 nice ticks from 0. The height grows when
// less than 45% of it (at least 50 px) would remain for the plot, e.g. with a legend of many rows.
// No points, or no value above 0, gives the "Ingen data" SVG.
std::string LineChart(const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const ChartOptions& options);

// A tiny trend line for dashboards and table cells: the values scaled between their own minimum
// and maximum (a flat series is drawn mid-height), gaps for missing values, a dot on the last
// value. Unlike the charts it has a fixed size (width/height attributes, max-width:100%) so that it
// never collapses in an auto-sized table cell. `label` names it in <title> (default "Tendens");
// <desc> gives the number of values, the latest, the lowest and the highest. No value above 0
// gives a small "Ingen data" SVG.
std::string Sparkline(const std::vector<double>& values, int width = 120, int height = 28,
                      std::string_view label = "");

}  // namespace tov::svg

// Tests for the SVG charts: well-formed, accessible, deterministic output with Danish numbers.
// A tiny tag-stack parser checks that every chart is one balanced <svg> element.
#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tov::svg {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// The attribute value that starts right after `prefix` (up to the next '"'); empty if none.
std::string AttributeAfter(const std::string& svg, const std::string& prefix) {
  const size_t start = svg.find(prefix);
  if (start == std::string::npos) return "";
  const size_t from = start + prefix.size();
  return svg.substr(from, svg.find('"', from) - from);
}

// The element text that starts right after `prefix` (up to the next '<'); empty if none.
std::string TextAfter(const std::string& svg, const std::string& prefix) {
  const size_t start = svg.find(prefix);
  if (start == std::string::npos) return "";
  const size_t from = start + prefix.size();
  return svg.substr(from, svg.find('<', from) - from);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Empty when `xml` is a single well-formed element (balanced tags, quoted attributes, no raw
// '<' or stray '&' in text, no "nan"/"inf"); otherwise what is wrong.
std::string CheckWellFormed(const std::string& xml) {
  std::vector<std::string> stack;
  int roots = 0;
  size_t i = 0;
  // A known named entity or a numeric one at `amp`.
  auto check_entity = [&](size_t amp) -> bool {
    const size_t semi = xml.find(';', amp);
    if (semi == std::string::npos || semi - amp > 10) return false;
    const std::string name = xml.substr(amp + 1, semi - amp - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
      return true;
    }
    const bool hex = name.size() > 2 && name[1] == 'x';
    if (name.size() < 2 || name[0] != '#') return false;
    return std::all_of(name.begin() + (hex ? 2 : 1), name.end(), [&](char c) {
      return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                 : std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
  };
  while (i < xml.size()) {
    if (xml[i] != '<') {
      if (xml[i] == '>') return "raw '>' in text at " + std::to_string(i);
      if (xml[i] == '&' && !check_entity(i)) return "stray '&' at " + std::to_string(i);
      if (stack.empty() && !std::isspace(static_cast<unsigned char>(xml[i]))) {
        return "text outside the root at " + std::to_string(i);
      }
      ++i;
      continue;
    }
    if (xml.compare(i, 4, "<!--") == 0) {
      const size_t end = xml.find("-->", i);
      if (end == std::string::npos) return "unclosed comment";
      i = end + 3;
      continue;
    }
    const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    const size_t name_start = j;
    while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-' ||
                              xml[j] == ':' || xml[j] == '_')) {
      ++j;
    }
    const std::string name = xml.substr(name_start, j - name_start);
    if (name.empty()) return "empty tag name at " + std::to_string(i);
    // Attributes: name="value" pairs until '>' or '/>'.
    bool self_closing = false;
    while (true) {
      while (j < xml.size() && std::isspace(static_cast<unsigned char>(xml[j]))) ++j;
      if (j >= xml.size()) return "unterminated tag " + name;
      if (xml[j] == '>') break;
      if (xml.compare(j, 2, "/>") == 0) {
        self_closing = true;
        ++j;
        break;
      }
      if (closing) return "attribute in closing tag " + name;
      const size_t attr_start = j;
      while (j < xml.size() && xml[j] != '=' && xml[j] != '>' &&
             !std::isspace(static_cast<unsigned char>(xml[j]))) {
        ++j;
      }
      if (j == attr_start || j >= xml.size() || xml[j] != '=') {
        return "attribute without value in " + name;
      }
      ++j;
      if (j >= xml.size() || (xml[j] != '"' && xml[j] != '\'')) return "unquoted attribute";
      const char quote = xml[j];
      const size_t value_end = xml.find(quote, j + 1);
      if (value_end == std::string::npos) return "unterminated attribute";
      for (size_t k = j + 1; k < value_end; ++k) {
        if (xml[k] == '<') return "'<' in attribute of " + name;
        if (xml[k] == '&' && !check_entity(k)) return "stray '&' in attribute of " + name;
      }
      j = value_end + 1;
    }
    if (closing) {
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
    } else {
      if (stack.empty()) ++roots;
      if (!self_closing) stack.push_back(name);
    }
    i = j + 1;
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "expected one root element, got " + std::to_string(roots);
  const std::string lower = Lower(xml);
  if (lower.find("nan") != std::string::npos) return "contains 'nan'";
  if (lower.find("inf") != std::string::npos) return "contains 'inf'";
  return "";
}

void ExpectValidSvg(const std::string& svg) {
  EXPECT_EQ(svg.rfind("<svg", 0), 0u) << svg.substr(0, 80);
  ASSERT_GE(svg.size(), 6u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_EQ(CheckWellFormed(svg), "") << svg;
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"0 0 "), std::string::npos);
}

// The ids in aria-labelledby must name the <title> and <desc> of the chart, in that order.
void ExpectLabelledBy(const std::string& svg) {
  const std::string ids = AttributeAfter(svg, "aria-labelledby=\"");
  const size_t space = ids.find(' ');
  ASSERT_NE(space, std::string::npos) << svg.substr(0, 300);
  const std::string title_id = ids.substr(0, space), desc_id = ids.substr(space + 1);
  ASSERT_FALSE(title_id.empty());
  ASSERT_FALSE(desc_id.empty());
  EXPECT_EQ(desc_id.find(' '), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"" + title_id + "\">"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"" + desc_id + "\">"), std::string::npos);
  EXPECT_NE(title_id, desc_id);
  EXPECT_EQ(Count(svg, "id=\"" + title_id + "\""), 1u);
  EXPECT_EQ(Count(svg, "id=\"" + desc_id + "\""), 1u);
}

std::vector<Bar> SampleBars() {
  return {{"I egen bolig", 0.571}, {"Hos venner/familie", 0.2}, {"Herberg", 0.15},
          {"Gaden", 0.079}};
}

std::vector<std::string> Months(int n) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                 "jul", "aug", "sep", "okt", "nov", "dec"};
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(std::string(kNames[i % 12]) + " " +
                                            std::to_string(2023 + i / 12));
  return out;
}

std::vector<Series> TwoSeries(int n) {
  Series a{"Indskrevne", {}};
  Series b{"I egen bolig", {}};
  for (int i = 0; i < n; ++i) {
    a.values.push_back(40 + i);
    b.values.push_back(10 + (i * 7) % 13);
  }
  return {a, b};
}

TEST(FormatTest, DanishNumbers) {
  EXPECT_EQ(FormatNumberDa(1234.5, 1), "1.234,5");
  EXPECT_EQ(FormatNumberDa(5789, 0), "5.789");
  EXPECT_EQ(FormatNumberDa(0.5, 1), "0,5");
  EXPECT_EQ(FormatNumberDa(1234567.891, 2), "1.234.567,89");
  EXPECT_EQ(FormatNumberDa(999.96, 1), "1.000,0");
  EXPECT_EQ(FormatNumberDa(100, 0), "100");
  EXPECT_EQ(FormatNumberDa(0, 0), "0");
  EXPECT_EQ(FormatNumberDa(2.675, 2), "2,68");
  EXPECT_EQ(FormatNumberDa(-1234.5, 1), "-1.234,5");
  EXPECT_EQ(FormatNumberDa(-0.01, 1), "0,0");
  EXPECT_EQ(FormatNumberDa(std::nan(""), 1), "\u2013");
  EXPECT_EQ(FormatNumberDa(INFINITY, 0), "\u2013");
  const std::string huge = FormatNumberDa(std::numeric_limits<double>::max(), 2);
  EXPECT_EQ(huge.rfind("179.769.313", 0), 0u) << huge;
  EXPECT_EQ(huge.substr(huge.size() - 3), ",00");
}

TEST(FormatTest, DanishPercentages) {
  EXPECT_EQ(FormatPercentDa(0.571), "57 %");
  EXPECT_EQ(FormatPercentDa(0.5714, 1), "57,1 %");
  EXPECT_EQ(FormatPercentDa(1), "100 %");
  EXPECT_EQ(FormatPercentDa(0), "0 %");
  EXPECT_EQ(FormatPercentDa(0.565), "57 %");  // 56.4999… in binary; a reader expects 57
  EXPECT_EQ(FormatPercentDa(std::nan("")), "\u2013");
}

TEST(BarChartTest, IsWellFormedAndAccessible) {
  ChartOptions o;
  o.title = "Boligsituation";
  o.percent = true;
  const std::string svg = BarChart(SampleBars(), o);
  ExpectValidSvg(svg);
  ExpectLabelledBy(svg);
  EXPECT_NE(svg.find(">Boligsituation</title>"), std::string::npos);
  EXPECT_NE(svg.find("width=\"100%\""), std::string::npos);
  EXPECT_NE(svg.find("max-width:480px"), std::string::npos);
  EXPECT_NE(svg.find("font-family=\"inherit\""), std::string::npos);
}

TEST(BarChartTest, OneRectPerBar) {
  ChartOptions o;
  o.percent = true;
  EXPECT_EQ(Count(BarChart(SampleBars(), o), "<rect"), 4u);
  EXPECT_EQ(Count(BarChart({{"A", 3}, {"B", 0}, {"C", 7}}, {}), "<rect"), 3u);
  // A missing value draws no bar but still a "–" label.
  const std::string svg = BarChart({{"A", 3}, {"B", std::nan("")}}, {});
  EXPECT_EQ(Count(svg, "<rect"), 1u);
  EXPECT_NE(svg.find(">\u2013</text>"), std::string::npos);
  ExpectValidSvg(svg);
}

TEST(BarChartTest, DanishValueLabels) {
  const std::string numbers = BarChart({{"Udgifter", 1234.5}, {"Andet", 100}}, {});
  EXPECT_NE(numbers.find(">1.234,5</text>"), std::string::npos) << numbers;
  EXPECT_NE(numbers.find(">100,0</text>"), std::string::npos);

  ChartOptions pct;
  pct.percent = true;
  const std::string percent = BarChart(SampleBars(), pct);
  EXPECT_NE(percent.find(">57 %</text>"), std::string::npos) << percent;
  EXPECT_NE(percent.find(">8 %</text>"), std::string::npos);
  EXPECT_EQ(percent.find("0.571"), std::string::npos);

  ChartOptions unit;
  unit.unit = "personer";
  unit.decimals = 0;
  const std::string people = BarChart({{"Aarhus", 5789}}, unit);
  EXPECT_NE(people.find(">5.789 personer</text>"), std::string::npos);
}

TEST(BarChartTest, EscapesLabelsAndTitle) {
  ChartOptions o;
  o.title = "Tæller <b>&\"'";
  o.description = "Beskrivelse <i>";
  const std::string svg = BarChart({{"<script>&\"", 4}, {"ok", 2}}, o);
  ExpectValidSvg(svg);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;&amp;&quot;"), std::string::npos);
  EXPECT_NE(svg.find("Tæller &lt;b&gt;&amp;&quot;&#39;"), std::string::npos);
}

TEST(BarChartTest, Deterministic) {
  ChartOptions o;
  o.title = "Ens";
  EXPECT_EQ(BarChart(SampleBars(), o), BarChart(SampleBars(), o));
  EXPECT_EQ(HorizontalBarChart(SampleBars(), o), HorizontalBarChart(SampleBars(), o));
  EXPECT_EQ(LineChart(Months(24), TwoSeries(24), o), LineChart(Months(24), TwoSeries(24), o));
  EXPECT_EQ(Sparkline({1, 2, 3}), Sparkline({1, 2, 3}));
}

TEST(BarChartTest, IdsDifferBetweenChartsAndCanBeGiven) {
  ChartOptions a;
  a.title = "A";
  ChartOptions b;
  b.title = "B";
  const std::string id_a = AttributeAfter(BarChart(SampleBars(), a), "<title id=\"");
  const std::string id_b = AttributeAfter(BarChart(SampleBars(), b), "<title id=\"");
  ASSERT_FALSE(id_a.empty());
  EXPECT_NE(id_a, id_b);
  // Same data and options in another chart kind: another id.
  EXPECT_EQ(HorizontalBarChart(SampleBars(), a).find("id=\"" + id_a + "\""),
            std::string::npos);

  ChartOptions given;
  given.id = "fig 1";
  const std::string svg = BarChart(SampleBars(), given);
  EXPECT_NE(svg.find("aria-labelledby=\"fig-1-title fig-1-desc\""), std::string::npos);
  ExpectLabelledBy(svg);
}

TEST(BarChartTest, NiceTicksFromZero) {
  for (double max : {1.0, 7.0, 57.1, 100.0, 1234.5, 0.3, 99999.0, 3e9}) {
    const std::string svg = BarChart({{"a", max / 3}, {"b", max}}, {});
    ExpectValidSvg(svg);
    const size_t ticks = Count(svg, "class=\"y-tick\"");
    EXPECT_GE(ticks, 3u) << max;
    EXPECT_LE(ticks, 5u) << max;
    const std::string zero = TextAfter(svg, "class=\"y-tick\">");  // the first tick
    EXPECT_TRUE(zero == "0" || zero.rfind("0,0", 0) == 0) << max << ": " << zero;
    EXPECT_EQ(zero.find_first_not_of("0,"), std::string::npos) << zero;
  }
  ChartOptions pct;
  pct.percent = true;
  const std::string svg = BarChart(SampleBars(), pct);  // max 57,1 % -> 0, 20, 40, 60 %
  EXPECT_NE(svg.find(">60 %</text>"), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"y-tick\""), 4u);
}

TEST(BarChartTest, LongLabelsAndManyBarsStayValid) {
  std::vector<Bar> bars;
  for (int i = 0; i < 20; ++i) {
    bars.push_back({"Meget lang kategori nummer " + std::to_string(i) + " med æøå", 1234.5 * i});
  }
  const std::string svg = BarChart(bars, {});
  ExpectValidSvg(svg);
  EXPECT_EQ(Count(svg, "<rect"), 20u);
  EXPECT_NE(svg.find("rotate(-45"), std::string::npos);
}

TEST(BarChartTest, EmptyOrZeroSaysIngenData) {
  for (const std::vector<Bar>& bars :
       {std::vector<Bar>{}, std::vector<Bar>{{"a", 0}, {"b", 0}},
        std::vector<Bar>{{"a", -3}}, std::vector<Bar>{{"a", std::nan("")}}}) {
    const std::string svg = BarChart(bars, {});
    ExpectValidSvg(svg);
    ExpectLabelledBy(svg);
    EXPECT_NE(svg.find(">Ingen data</text>"), std::string::npos);
    EXPECT_EQ(Count(svg, "<rect"), 0u);
    const std::string h = HorizontalBarChart(bars, {});
    ExpectValidSvg(h);
    EXPECT_NE(h.find(">Ingen data</text>"), std::string::npos);
  }
}

TEST(HorizontalBarChartTest, BarsLabelsAndValues) {
  ChartOptions o;
  o.title = "Hvor bor borgerne?";
  o.percent = true;
  const std::string svg = HorizontalBarChart(SampleBars(), o);
  ExpectValidSvg(svg);
  ExpectLabelledBy(svg);
  EXPECT_EQ(Count(svg, "<rect"), 4u);
  EXPECT_NE(svg.find(">Hos venner/familie</text>"), std::string::npos);
  EXPECT_NE(svg.find(">57 %</text>"), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"value\""), 4u);
}

TEST(HorizontalBarChartTest, AFixedScaleRunsToItsEndWithEveryWholeNumber) {
  // The needs chart: scores 0–4 whose largest is 3 still get an axis up to 4.
  const std::vector<Bar> needs = {{"Bolig", 3}, {"Økonomi", 1}, {"Helbred", 2}};
  ChartOptions o;
  o.decimals = 0;
  const std::string automatic = HorizontalBarChart(needs, o);
  EXPECT_EQ(automatic.find("class=\"x-tick\">4</text>"), std::string::npos);  // the old axis stops at 3
  o.axis_max = 4;
  const std::string svg = HorizontalBarChart(needs, o);
  ExpectValidSvg(svg);
  EXPECT_EQ(Count(svg, "class=\"x-tick\""), 5u);
  for (int i = 0; i <= 4; ++i)
    EXPECT_NE(svg.find("class=\"x-tick\">" + std::to_string(i) + "</text>"), std::string::npos) << i;
  // A value beyond the scale widens it rather than running off the plot.
  const std::string wide = HorizontalBarChart({{"Bolig", 6}}, o);
  EXPECT_EQ(Count(wide, "class=\"x-tick\""), 7u);
  // BarChart honours the same scale.
  EXPECT_NE(BarChart(needs, o).find(">4</text>"), std::string::npos);
}

TEST(LineChartTest, TwentyFourMonths) {
  ChartOptions o;
  o.title = "Udvikling 2023–2024";
  const std::string svg = LineChart(Months(24), TwoSeries(24), o);
  ExpectValidSvg(svg);
  ExpectLabelledBy(svg);
  EXPECT_EQ(Count(svg, "<polyline"), 2u);
  const size_t labels = Count(svg, "class=\"x-label\"");
  EXPECT_GE(labels, 4u);
  EXPECT_LE(labels, 12u);
  EXPECT_NE(svg.find(">jan 2023</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">feb 2023</text>"), std::string::npos);  // thinned away
  // Legend entries, distinct colours and dash patterns.
  EXPECT_NE(svg.find(">Indskrevne</text>"), std::string::npos);
  EXPECT_NE(svg.find(">I egen bolig</text>"), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"#004993\""), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"#b35900\""), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  // A marker for every point: circles for the first series.
  EXPECT_EQ(Count(svg, "<circle"), 24u + 1u);  // + the legend sample
  const size_t ticks = Count(svg, "class=\"y-tick\"");
  EXPECT_GE(ticks, 3u);
  EXPECT_LE(ticks, 5u);
}

TEST(LineChartTest, GapsBreakTheLine) {
  std::vector<Series> series = TwoSeries(12);
  series[0].values[5] = std::nan("");
  series[1].values.resize(8);  // shorter: missing at the end
  const std::string svg = LineChart(Months(12), series, {});
  ExpectValidSvg(svg);
  EXPECT_EQ(Count(svg, "<polyline"), 3u);
}

TEST(LineChartTest, PercentAndFewPoints) {
  ChartOptions o;
  o.percent = true;
  const std::string svg = LineChart({"2024"}, {{"Andel", {0.42}}}, o);
  ExpectValidSvg(svg);
  EXPECT_NE(svg.find(">2024</text>"), std::string::npos);
  EXPECT_NE(svg.find(" %</text>"), std::string::npos);
  EXPECT_NE(svg.find("Andel: fra 42 % (2024)"), std::string::npos);
}

TEST(LineChartTest, EmptySaysIngenData) {
  const std::vector<Series> nothing;
  for (const std::string& svg :
       {LineChart({}, nothing, {}), LineChart(Months(3), nothing, {}),
        LineChart(Months(3), {{"a", {0, 0, 0}}}, {}),
        LineChart(Months(3), {{"a", {std::nan(""), std::nan(""), std::nan("")}}}, {})}) {
    ExpectValidSvg(svg);
    ExpectLabelledBy(svg);
    EXPECT_NE(svg.find(">Ingen data</text>"), std::string::npos);
    EXPECT_EQ(Count(svg, "<polyline"), 0u);
  }
}

TEST(SparklineTest, ValidSmallAndLabelled) {
  const std::string svg = Sparkline({3, 5, std::nan(""), 4, 8}, 120, 28, "Indskrevne");
  ExpectValidSvg(svg);
  ExpectLabelledBy(svg);
  EXPECT_NE(svg.find(">Indskrevne</title>"), std::string::npos);
  EXPECT_NE(svg.find("width=\"120\" height=\"28\""), std::string::npos);
  EXPECT_EQ(Count(svg, "<polyline"), 2u);
  EXPECT_NE(svg.find("seneste 8"), std::string::npos);
  const std::string flat = Sparkline({2, 2, 2});
  ExpectValidSvg(flat);
  EXPECT_NE(flat.find(">Tendens</title>"), std::string::npos);
}

TEST(SparklineTest, EmptySaysIngenData) {
  for (const std::string& svg : {Sparkline({}), Sparkline({0, 0}), Sparkline({std::nan("")})}) {
    ExpectValidSvg(svg);
    EXPECT_NE(svg.find(">Ingen data</text>"), std::string::npos);
  }
}

TEST(WellFormedCheckTest, CatchesBrokenMarkup) {
  EXPECT_EQ(CheckWellFormed("<svg><g></g></svg>"), "");
  EXPECT_NE(CheckWellFormed("<svg><g></svg>"), "");
  EXPECT_NE(CheckWellFormed("<svg><text>a & b</text></svg>"), "");
  EXPECT_NE(CheckWellFormed("<svg x=\"nan\"></svg>"), "");
  EXPECT_NE(CheckWellFormed("<svg><text>&foo;</text></svg>"), "");
  EXPECT_EQ(CheckWellFormed("<svg><text>&#39;&amp;&#x2013;</text></svg>"), "");
  EXPECT_NE(CheckWellFormed("<svg></svg><svg></svg>"), "");
}

}  // namespace
}  // namespace tov::svg

// The status report as CSV: it reads the report JSON made by StatusReport, so it gives exactly
// its figures, suppression included.
#include "report/status_csv.h"

#include <algorithm>
#include <string>
#include <vector>

#include "report/status_report.h"

namespace tov::report {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

namespace {

using json = nlohmann::json;

// A number as JSON writes it (shortest round-trip form); null → empty; suppressed → "suppressed".
std::string CsvValue(const json* v) {
  if (!v || v->is_null()) return "";
  if (IsSuppressed(*v)) return "suppressed";
  if (v->is_number() || v->is_boolean()) return v->dump();
  if (v->is_string()) return v->get<std::string>();
  return "";
}

class CsvWriter {
 public:
  void Row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_ += ',';
      out_ += CsvField(fields[i]);
    }
    out_ += "\r\n";
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// Rows of one rate (and its by_method split).
void RateRows(CsvWriter& w, const std::string& m, const std::string& id, const std::string& split,
              const std::string& key, const json& r) {
  if (IsSuppressed(r)) {
    w.Row({m, id, split, key, "", "", "suppressed"});
    return;
  }
  w.Row({m, id, split, key, CsvValue(Field(r, "numerator")), CsvValue(Field(r, "denominator")),
         CsvValue(Field(r, "value"))});
  for (const char* split : {"by_method", "by_background"})  // the youth report's splits too
    if (const json* by = Field(r, split); by && by->is_object())
      for (const auto& [k, v] : by->items()) RateRows(w, m, id, split, k, v);
}

void FigureRows(CsvWriter& w, const std::string& m, const json& figures) {
  if (!figures.is_object()) return;
  std::vector<std::string> ids = IndicatorIds();
  for (const auto& [id, v] : figures.items())
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  for (const std::string& id : ids) {
    const json* v = Field(figures, id.c_str());
    if (!v) continue;
    // The national caseload is a count by method ({"value", "by_method"}), not per worker.
    const json* open = Field(*v, "value");
    const bool per_worker = !(open && (open->is_number() || IsSuppressed(*open)));
    if (id == "caseload" && v->is_object() && !IsSuppressed(*v) && per_worker) {
      for (const auto& [worker, load] : v->items()) {
        if (IsSuppressed(load)) {
          w.Row({m, id, "worker", worker, "", "", "suppressed"});
          continue;
        }
        w.Row({m, id, "worker", worker, "", "", CsvValue(Field(load, "value"))});
        if (const json* by = Field(load, "by_method"); by && by->is_object())
          for (const auto& [method, n] : by->items())
            w.Row({m, id, "by_method", worker + "/" + method, "", "", CsvValue(&n)});
        w.Row({m, id, "contacts_30d", worker, "", "", CsvValue(Field(load, "contacts_30d"))});
      }
    } else if (IsSuppressed(*v)) {
      w.Row({m, id, "", "", "", "", "suppressed"});
    } else if (Field(*v, "numerator")) {
      RateRows(w, m, id, "", "", *v);
    } else {
      w.Row({m, id, "", "", "", "", CsvValue(Field(*v, "value"))});
      if (!v->is_object()) continue;
      for (const auto& [split, entries] : v->items()) {
        if (split == "value" || split == "suppressed" || !entries.is_object()) continue;
        for (const auto& [k, n] : entries.items()) w.Row({m, id, split, k, "", "", CsvValue(&n)});
      }
    }
  }
}

}  // namespace

std::string StatusReportCsv(const json& report) {
  CsvWriter w;
  w.Row({"municipality", "indicator", "split", "key", "numerator", "denominator", "value"});
  if (const json* total = Field(report, "total")) FigureRows(w, "total", *total);
  if (const json* munis = Field(report, "municipalities"); munis && munis->is_object())
    for (const auto& [code, figures] : munis->items()) FigureRows(w, code, figures);
  return std::move(w.str());
}

}  // namespace tov::report
